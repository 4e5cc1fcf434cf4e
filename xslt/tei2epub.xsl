<?xml version="1.0" encoding="UTF-8"?>
<!-- tei2epub.xsl — TEI P5 → one EPUB 3.3 package tree (XSLT 1.0 + EXSLT, libxslt).
     Sits between the TEI (import, page map) and src/epub.c, which zips the tree as it is.

     The package tree: <package-files xmlns="urn:x-folio:package"> with one
     <file path="…" media-type="…" [method="stored"] [src="…"]> per zip entry, in zip order.
     A file's single element child is written as an XML document; otherwise its text is the
     content; with src, the bytes of that local file (graphics). See src/epub.c.

     Files: mimetype, META-INF/container.xml, EPUB/package.opf, EPUB/style.css,
     EPUB/title.xhtml (title page), EPUB/front.xhtml (abstracts and other front matter),
     EPUB/nav.xhtml, EPUB/chNN.xhtml (one per top-level body div), EPUB/backNN.xhtml,
     EPUB/images/… (graphics).

     Customization: a layer imports this stylesheet and overrides parameters (below), templates,
     or the variable css (document('my-css.xml')/css:css, resolved beside the layer).
     main.c passes modified and source-dir; folio's param option (NAME=VALUE) sets any other.

     Rules: EPUB 3.3 (§5 package document, §7 navigation document), EPUB Accessibility 1.1,
     DPUB-ARIA 1.1 (every epub:type with a role), OCF 3.3 §4.3 (mimetype first, stored). -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:pkg="urn:x-folio:package"
    xmlns:css="urn:x-folio:css"
    xmlns:exsl="http://exslt.org/common"
    xmlns:str="http://exslt.org/strings"
    xmlns="http://www.w3.org/1999/xhtml"
    xmlns:epub="http://www.idpf.org/2007/ops"
    extension-element-prefixes="exsl str"
    exclude-result-prefixes="tei pkg css exsl str">

  <xsl:include href="tei2epub-opf.xsl"/>

  <xsl:output method="xml" encoding="UTF-8"/>

  <!-- dcterms:modified, YYYY-MM-DDThh:mm:ssZ (main.c passes SOURCE_DATE_EPOCH's date). -->
  <xsl:param name="modified" select="'1980-01-01T00:00:00Z'"/>
  <!-- dc:identifier; empty: the TEI's idno, else urn:x-folio: + the main title as a slug. -->
  <xsl:param name="identifier" select="''"/>
  <!-- The input's directory (no trailing slash); TEI graphic urls are read relative to it. -->
  <xsl:param name="source-dir" select="''"/>
  <!-- The style sheet: an XML file whose root element's text is CSS (see epub-css.xml); a
       relative name is resolved against this stylesheet's directory (XSLT 1.0 §12.1). -->
  <xsl:param name="css-file" select="'epub-css.xml'"/>
  <!-- Text shown where the TEI has a gap (a note or passage lost from the source). -->
  <xsl:param name="gap-text" select="'[text missing in source]'"/>
  <!-- The accessibility summary written into the OPF (EPUB Accessibility 1.1 §5.2); empty:
       one stating what this publication has. -->
  <xsl:param name="accessibility-summary" select="''"/>

  <xsl:variable name="tei" select="/tei:TEI"/>
  <xsl:variable name="header" select="/tei:TEI/tei:teiHeader"/>
  <xsl:variable name="front" select="/tei:TEI/tei:text/tei:front"/>
  <xsl:variable name="body" select="/tei:TEI/tei:text/tei:body"/>
  <xsl:variable name="back" select="/tei:TEI/tei:text/tei:back"/>
  <xsl:variable name="title-stmt" select="$header/tei:fileDesc/tei:titleStmt"/>
  <!-- The titles: main ones first (the document's language, then translations), subtitles. -->
  <xsl:variable name="titles" select="$title-stmt/tei:title[not(@type='sub' or @type='subordinate')]"/>
  <xsl:variable name="subtitles" select="$title-stmt/tei:title[@type='sub' or @type='subordinate']"/>
  <xsl:variable name="main-title" select="normalize-space($titles[1])"/>
  <xsl:variable name="lang-rtf">
    <xsl:choose>
      <xsl:when test="$tei/@xml:lang"><xsl:value-of select="$tei/@xml:lang"/></xsl:when>
      <xsl:when test="$tei/tei:text/@xml:lang"><xsl:value-of select="$tei/tei:text/@xml:lang"/></xsl:when>
      <xsl:when test="$header/tei:profileDesc/tei:langUsage/tei:language/@ident">
        <xsl:value-of select="$header/tei:profileDesc/tei:langUsage/tei:language[1]/@ident"/>
      </xsl:when>
      <xsl:otherwise>en</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <!-- The document's language as a string (compared often). -->
  <xsl:variable name="lang" select="string($lang-rtf)"/>
  <!-- Body content before the first div (TEI allows it) gets a document of its own. -->
  <xsl:variable name="body-intro" select="$body/*[not(self::tei:div or self::tei:pb)][not(preceding-sibling::tei:div)]"/>
  <xsl:variable name="has-front" select="boolean($front/*)"/>
  <!-- Whole-document lists, each gathered once (/descendant::x walks the tree once; //x[…]
       with a predicate would first gather every node of it). -->
  <xsl:variable name="page-breaks" select="/descendant::tei:pb[@ed='print'][@n]"/>
  <xsl:variable name="graphics" select="/descendant::tei:graphic"/>
  <xsl:variable name="css" select="document($css-file)/css:css"/>

  <!-- libxslt builds every key over the whole TEI at the first key() call on it: only #id
       links, unknown elements and repeated page labels call key() on the TEI, so the thesis
       builds none. Keys match without predicates where they can: libxslt finds a key's nodes
       with the XPath //pattern, and libxml2 walks //name straight down but gathers every node
       of the document first for //name[predicate]; an element without the attribute adds no
       entry. -->
  <xsl:key name="id" match="*" use="@xml:id"/>
  <!-- The elements the catch-all tei:* template may meet, by name (it reports the first of
       each). The names that fill a thesis by the thousand always have templates of their own,
       so they stay out: libxslt checks every node it adds to a key's entry against the whole
       entry, which made this key quadratic in the number of paragraphs and notes. -->
  <xsl:key name="tei-by-name" use="local-name()"
           match="tei:*[not(contains('|p|note|gap|pb|hi|ref|head|div|item|lb|quote|list|',
                                     concat('|', local-name(), '|')))]"/>
  <xsl:key name="print-pb" match="tei:pb" use="@n[../@ed = 'print']"/>

  <!-- ============================================================ the package tree -->

  <xsl:template match="/">
    <xsl:if test="not(tei:TEI)">
      <xsl:message terminate="yes">tei2epub: the input is not a TEI document (root: <xsl:value-of select="name(*)"/>)</xsl:message>
    </xsl:if>
    <xsl:if test="not($css)">
      <xsl:message terminate="yes">tei2epub: cannot read the style sheet <xsl:value-of select="$css-file"/></xsl:message>
    </xsl:if>
    <pkg:package-files>
      <pkg:file path="mimetype" media-type="application/epub+zip" method="stored">application/epub+zip</pkg:file>
      <pkg:file path="META-INF/container.xml" media-type="application/xml">
        <container xmlns="urn:oasis:names:tc:opendocument:xmlns:container" version="1.0">
          <rootfiles>
            <rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/>
          </rootfiles>
        </container>
      </pkg:file>
      <pkg:file path="EPUB/package.opf" media-type="application/oebps-package+xml">
        <xsl:call-template name="opf"/>
      </pkg:file>
      <pkg:file path="EPUB/style.css" media-type="text/css">
        <xsl:value-of select="$css"/>
      </pkg:file>
      <pkg:file path="EPUB/nav.xhtml" media-type="application/xhtml+xml">
        <xsl:call-template name="nav"/>
      </pkg:file>
      <pkg:file path="EPUB/title.xhtml" media-type="application/xhtml+xml">
        <xsl:call-template name="title-page"/>
      </pkg:file>
      <xsl:if test="$has-front">
        <pkg:file path="EPUB/front.xhtml" media-type="application/xhtml+xml">
          <xsl:apply-templates select="$front" mode="document"/>
        </pkg:file>
      </xsl:if>
      <xsl:if test="$body-intro">
        <pkg:file path="EPUB/ch00.xhtml" media-type="application/xhtml+xml">
          <xsl:apply-templates select="$body" mode="document"/>
        </pkg:file>
      </xsl:if>
      <xsl:for-each select="$body/tei:div | $back/tei:div">
        <pkg:file media-type="application/xhtml+xml">
          <xsl:attribute name="path">EPUB/<xsl:apply-templates select="." mode="file-name"/></xsl:attribute>
          <xsl:apply-templates select="." mode="document"/>
        </pkg:file>
      </xsl:for-each>
      <xsl:for-each select="$graphics">
        <pkg:file>
          <xsl:variable name="checked"><xsl:apply-templates select="." mode="checked-url"/></xsl:variable>
          <xsl:attribute name="path">EPUB/<xsl:apply-templates select="." mode="image-path"/></xsl:attribute>
          <xsl:attribute name="media-type"><xsl:apply-templates select="." mode="media-type"/></xsl:attribute>
          <xsl:attribute name="src">
            <xsl:if test="$source-dir != ''"><xsl:value-of select="concat($source-dir, '/')"/></xsl:if>
            <xsl:value-of select="$checked"/>
          </xsl:attribute>
        </pkg:file>
      </xsl:for-each>
    </pkg:package-files>
  </xsl:template>

  <!-- ============================================================ file names and links -->

  <!-- The content document a node lands in (EPUB 3.3 §6.1: one XHTML file per unit). -->
  <xsl:template match="node()" mode="file-of" name="file-of">
    <xsl:variable name="top" select="ancestor-or-self::tei:div[parent::tei:body or parent::tei:back][1]"/>
    <xsl:choose>
      <xsl:when test="$top"><xsl:apply-templates select="$top" mode="file-name"/></xsl:when>
      <xsl:when test="ancestor-or-self::tei:front">front.xhtml</xsl:when>
      <xsl:when test="ancestor-or-self::tei:body">ch00.xhtml</xsl:when>
      <xsl:otherwise>title.xhtml</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A unit's file: chNN.xhtml for the NNth div of the body, backNN.xhtml in the back. With
       many units, looked up by xml:id in a list made once (counting the divs before it, for
       every link, toc entry and page of the page list, is quadratic in the number of units);
       counted when there are few (cheaper: about 40 instructions per sibling against 10 000 for
       a lookup), or when a unit has no xml:id id() can find or shares one. -->
  <xsl:template match="tei:body/tei:div" mode="file-name">
    <xsl:choose>
      <xsl:when test="$unit-lookup">
        <xsl:variable name="id" select="string(@xml:id)"/>
        <xsl:for-each select="$unit-files"><xsl:value-of select="id($id)/@file"/></xsl:for-each>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="k" select="count(preceding-sibling::tei:div) + 1"/>
        <xsl:value-of select="concat('ch', substring('0', 1, number($k &lt; 10)), $k, '.xhtml')"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:back/tei:div" mode="file-name">
    <xsl:choose>
      <xsl:when test="$unit-lookup">
        <xsl:variable name="id" select="string(@xml:id)"/>
        <xsl:for-each select="$unit-files"><xsl:value-of select="id($id)/@file"/></xsl:for-each>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="k" select="count(preceding-sibling::tei:div) + 1"/>
        <xsl:value-of select="concat('back', substring('0', 1, number($k &lt; 10)), $k, '.xhtml')"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- True when the TEI has no body or back but the text's: its units (the divs of that body
       and back) are then the only divisions with files of their own, and all that a unit
       holds lands in the unit's file. -->
  <xsl:variable name="plain-units" select="count(/descendant::tei:body | /descendant::tei:back) = count($body | $back)"/>

  <!-- The units' files by xml:id (id() finds an xml:id in a result tree fragment too), for
       the units whose xml:id id() can find (no white space in it); made for many units only. -->
  <xsl:variable name="units" select="$body/tei:div | $back/tei:div"/>
  <xsl:variable name="many-units" select="count($units) &gt; 64"/>
  <xsl:variable name="unit-files-rtf">
    <xsl:for-each select="$body/tei:div[$many-units]">
      <xsl:if test="@xml:id != '' and translate(@xml:id, ' &#9;&#10;&#13;', '') = @xml:id">
        <pkg:unit><xsl:copy-of select="@xml:id"/>
          <xsl:attribute name="file"><xsl:value-of select="concat('ch', substring('0', 1, number(position() &lt; 10)), position(), '.xhtml')"/></xsl:attribute>
        </pkg:unit>
      </xsl:if>
    </xsl:for-each>
    <xsl:for-each select="$back/tei:div[$many-units]">
      <xsl:if test="@xml:id != '' and translate(@xml:id, ' &#9;&#10;&#13;', '') = @xml:id">
        <pkg:unit><xsl:copy-of select="@xml:id"/>
          <xsl:attribute name="file"><xsl:value-of select="concat('back', substring('0', 1, number(position() &lt; 10)), position(), '.xhtml')"/></xsl:attribute>
        </pkg:unit>
      </xsl:if>
    </xsl:for-each>
  </xsl:variable>
  <xsl:variable name="unit-files" select="exsl:node-set($unit-files-rtf)"/>
  <!-- (sorted, each compared with the next) -->
  <xsl:variable name="unit-ids-rtf">
    <xsl:for-each select="$unit-files/pkg:unit">
      <xsl:sort select="@xml:id"/>
      <pkg:id><xsl:value-of select="@xml:id"/></pkg:id>
    </xsl:for-each>
  </xsl:variable>
  <xsl:variable name="unit-lookup" select="$many-units and count($unit-files/pkg:unit) = count($units)
                and not(exsl:node-set($unit-ids-rtf)/pkg:id[. = following-sibling::pkg:id[1]])"/>

  <!-- An element's id in the XHTML: its xml:id, else a generated one. Elements write it as
       id="{@xml:id}" and replace it with n-<generate-id()> when they have no xml:id: one XPath
       step for the usual element (a call of this mode, or a concat choosing between the two,
       was 10 000 instructions an element). -->
  <xsl:template match="*" mode="id">
    <xsl:value-of select="@xml:id"/>
    <xsl:if test="not(@xml:id)">n-<xsl:value-of select="generate-id()"/></xsl:if>
  </xsl:template>

  <!-- file#id of an element, for links from other documents (nav, cross references). -->
  <xsl:template match="*" mode="href">
    <xsl:apply-templates select="." mode="file-of"/>
    <xsl:text>#</xsl:text>
    <xsl:apply-templates select="." mode="id"/>
  </xsl:template>

  <!-- A footnote's number as the thesis numbers it (@n), else its position among notes. -->
  <xsl:template match="tei:note" mode="number">
    <xsl:choose>
      <xsl:when test="@n"><xsl:value-of select="@n"/></xsl:when>
      <xsl:when test="$note-ranks-made and @xml:id">
        <xsl:variable name="id" select="string(@xml:id)"/>
        <xsl:variable name="rank">
          <xsl:for-each select="$note-ranks">
            <xsl:if test="count(key('id', $id)) = 1"><xsl:value-of select="key('id', $id)/@rank"/></xsl:if>
          </xsl:for-each>
        </xsl:variable>
        <xsl:choose>
          <xsl:when test="$rank != ''"><xsl:value-of select="$rank"/></xsl:when>
          <xsl:otherwise><xsl:number level="any" count="tei:note" from="tei:text"/></xsl:otherwise>
        </xsl:choose>
      </xsl:when>
      <xsl:otherwise><xsl:number level="any" count="tei:note" from="tei:text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Notes without n, numbered by their rank among the notes of the text (what xsl:number
       level="any" from="tei:text" says), from a list made once by xml:id: xsl:number walked
       back over the document for every note, and each note asks twice (reference, back link).
       Made only when the first note has no n and the TEI has one text without texts inside
       (libxslt evaluates global variables up front); notes without an xml:id still count.
       Entries are found with the id key (a key of their own would walk the TEI too). -->
  <xsl:variable name="first-note" select="/descendant::tei:note[1]"/>
  <xsl:variable name="note-ranks-rtf">
    <xsl:if test="not($first-note/@n) and $first-note and $tei/tei:text
                  and not($tei/tei:text/descendant::tei:text)">
      <xsl:for-each select="$tei/tei:text/descendant::tei:note">
        <xsl:if test="@xml:id">
          <pkg:note rank="{position()}"><xsl:copy-of select="@xml:id"/></pkg:note>
        </xsl:if>
      </xsl:for-each>
    </xsl:if>
  </xsl:variable>
  <xsl:variable name="note-ranks" select="exsl:node-set($note-ranks-rtf)"/>
  <xsl:variable name="note-ranks-made" select="boolean($note-ranks/pkg:note)"/>

  <!-- ============================================================ XHTML documents -->

  <!-- The head every content document shares: its title and the style sheet. Each document
       writes its own html and body, so its content is built once, not copied. -->
  <xsl:template name="xhtml-head">
    <xsl:param name="title"/>
    <head>
      <meta charset="utf-8"/>
      <title><xsl:value-of select="normalize-space($title)"/></title>
      <link rel="stylesheet" type="text/css" href="style.css"/>
    </head>
  </xsl:template>

  <!-- The title page: both titles (the Turkish one marked lang="tr"), authorship when the
       header states it (never invented). -->
  <xsl:template name="title-page">
    <html xml:lang="{$lang}" lang="{$lang}">
      <xsl:call-template name="xhtml-head">
        <xsl:with-param name="title" select="$main-title"/>
      </xsl:call-template>
      <body epub:type="frontmatter">
        <section class="titlepage" epub:type="titlepage" aria-label="Title page">
          <h1 class="title">
            <xsl:apply-templates select="$titles[1]/@xml:lang" mode="lang"/>
            <xsl:value-of select="$main-title"/>
          </h1>
          <xsl:for-each select="$subtitles">
            <p class="subtitle"><xsl:apply-templates select="@xml:lang" mode="lang"/><xsl:value-of select="normalize-space(.)"/></p>
          </xsl:for-each>
          <xsl:for-each select="$titles[position() &gt; 1]">
            <p class="title-tr">
              <xsl:apply-templates select="@xml:lang" mode="lang"/>
              <xsl:value-of select="normalize-space(.)"/>
            </p>
          </xsl:for-each>
          <xsl:for-each select="$title-stmt/tei:author | $title-stmt/tei:editor">
            <p class="author"><xsl:value-of select="normalize-space(.)"/></p>
          </xsl:for-each>
          <xsl:for-each select="$header/tei:fileDesc/tei:notesStmt/tei:note[@type='degree' or @type='department']">
            <p class="{@type}"><xsl:value-of select="normalize-space(.)"/></p>
          </xsl:for-each>
          <xsl:for-each select="$header/tei:fileDesc/tei:publicationStmt/*[self::tei:publisher or self::tei:authority or self::tei:date][normalize-space()]">
            <p class="publication"><xsl:value-of select="normalize-space(.)"/></p>
          </xsl:for-each>
          <xsl:for-each select="$title-stmt/tei:respStmt[tei:resp and (tei:name or tei:persName)]">
            <p class="resp"><xsl:value-of select="concat(normalize-space(tei:resp), ': ', normalize-space(tei:name | tei:persName))"/></p>
          </xsl:for-each>
        </section>
      </body>
    </html>
  </xsl:template>

  <!-- lang and xml:lang from a TEI element's xml:lang, when it differs from the document's. -->
  <xsl:template match="@xml:lang" mode="lang">
    <xsl:if test=". != $lang">
      <xsl:attribute name="lang"><xsl:value-of select="."/></xsl:attribute>
      <xsl:attribute name="xml:lang"><xsl:value-of select="."/></xsl:attribute>
    </xsl:if>
  </xsl:template>

  <!-- The front matter document: abstracts side by side (CSS grid), then anything else. -->
  <xsl:template match="tei:front" mode="document">
    <html xml:lang="{$lang}" lang="{$lang}">
      <xsl:call-template name="xhtml-head">
        <xsl:with-param name="title">
          <xsl:for-each select="tei:div">
            <xsl:if test="position() &gt; 1"> · </xsl:if>
            <xsl:apply-templates select="tei:head[1]/node()" mode="plain"/>
          </xsl:for-each>
          <xsl:if test="not(tei:div/tei:head)"><xsl:value-of select="$main-title"/></xsl:if>
        </xsl:with-param>
      </xsl:call-template>
      <body epub:type="frontmatter">
        <xsl:if test="tei:div[@type='abstract']">
          <div class="abstracts">
            <xsl:apply-templates select="tei:div[@type='abstract']"/>
          </div>
        </xsl:if>
        <xsl:apply-templates select="*[not(self::tei:div[@type='abstract'])]"/>
        <xsl:call-template name="footnotes"/>
      </body>
    </html>
  </xsl:template>

  <!-- Body content before the first div. -->
  <xsl:template match="tei:body" mode="document">
    <html xml:lang="{$lang}" lang="{$lang}">
      <xsl:call-template name="xhtml-head">
        <xsl:with-param name="title" select="$main-title"/>
      </xsl:call-template>
      <body epub:type="bodymatter">
        <section>
          <xsl:call-template name="lead-pbs"><xsl:with-param name="owner" select="$body-intro[1]"/></xsl:call-template>
          <xsl:apply-templates select="$body-intro | $body/tei:pb[not(preceding-sibling::tei:div)]"/>
        </section>
        <xsl:call-template name="footnotes"><xsl:with-param name="scope" select="$body-intro"/></xsl:call-template>
      </body>
    </html>
  </xsl:template>

  <!-- One content document per top-level div (a chapter). -->
  <xsl:template match="tei:div" mode="document">
    <html xml:lang="{$lang}" lang="{$lang}">
      <xsl:call-template name="xhtml-head">
        <xsl:with-param name="title"><xsl:apply-templates select="." mode="toc-label"/></xsl:with-param>
      </xsl:call-template>
      <body>
        <xsl:attribute name="epub:type"><xsl:choose>
          <xsl:when test="parent::tei:back">backmatter</xsl:when>
          <xsl:otherwise>bodymatter</xsl:otherwise>
        </xsl:choose></xsl:attribute>
        <xsl:apply-templates select="."/>
        <xsl:call-template name="footnotes"/>
      </body>
    </html>
  </xsl:template>

  <!-- The notes of the current unit, as EPUB 3 footnotes after its text (EPUB 3 Structural
       Semantics: footnote; DPUB-ARIA doc-footnote), each linking back to its reference. -->
  <xsl:template name="footnotes">
    <xsl:param name="scope" select="."/>
    <xsl:variable name="notes" select="$scope/descendant-or-self::tei:note[not(ancestor::tei:note)]"/>
    <xsl:if test="$notes">
      <hr class="notes-rule"/>
      <xsl:apply-templates select="$notes" mode="footnote"/>
    </xsl:if>
  </xsl:template>

  <!-- ============================================================ navigation (EPUB 3.3 §7) -->

  <xsl:template name="nav">
    <html xml:lang="{$lang}" lang="{$lang}">
      <xsl:call-template name="xhtml-head">
        <xsl:with-param name="title" select="'Contents'"/>
      </xsl:call-template>
      <body>
        <nav epub:type="toc" role="doc-toc" id="toc" aria-labelledby="toc-title">
          <h1 id="toc-title">Contents</h1>
          <ol>
            <li><a href="title.xhtml">Title page</a></li>
            <xsl:for-each select="$front/tei:div">
              <li>
                <a><xsl:attribute name="href"><xsl:apply-templates select="." mode="href"/></xsl:attribute>
                  <xsl:apply-templates select="@xml:lang" mode="lang"/>
                  <xsl:apply-templates select="." mode="toc-label"/></a>
              </li>
            </xsl:for-each>
            <xsl:if test="$body-intro">
              <li><a href="ch00.xhtml"><xsl:value-of select="$main-title"/></a></li>
            </xsl:if>
            <xsl:for-each select="$units">
              <xsl:variable name="file"><xsl:if test="$plain-units"><xsl:apply-templates select="." mode="file-name"/></xsl:if></xsl:variable>
              <xsl:apply-templates select="." mode="toc"><xsl:with-param name="file" select="string($file)"/></xsl:apply-templates>
            </xsl:for-each>
          </ol>
        </nav>
        <nav epub:type="landmarks" id="landmarks" aria-label="Landmarks" hidden="hidden">
          <ol>
            <li><a epub:type="toc" href="nav.xhtml#toc">Contents</a></li>
            <li><a epub:type="titlepage" href="title.xhtml">Title page</a></li>
            <xsl:if test="$has-front">
              <li><a epub:type="frontmatter" href="front.xhtml">Front matter</a></li>
            </xsl:if>
            <xsl:variable name="first-body">
              <xsl:choose>
                <xsl:when test="$body-intro">ch00.xhtml</xsl:when>
                <xsl:when test="$body/tei:div"><xsl:apply-templates select="$body/tei:div[1]" mode="file-name"/></xsl:when>
              </xsl:choose>
            </xsl:variable>
            <xsl:if test="$first-body != ''">
              <li><a epub:type="bodymatter" href="{$first-body}">Start of text</a></li>
            </xsl:if>
          </ol>
        </nav>
        <xsl:if test="$page-breaks">
          <nav epub:type="page-list" role="doc-pagelist" id="page-list" aria-label="Print pages" hidden="hidden">
            <ol><xsl:call-template name="page-list"/></ol>
          </nav>
        </xsl:if>
      </body>
    </html>
  </xsl:template>

  <!-- One toc entry per div, sub-divs nested: chapters, sections, sub-sections, deeper. -->
  <!-- A division without a heading below a chapter has no entry of its own; its headed
       sub-divisions stand in its place. (Tests inside the template, not in match patterns:
       see the tei:pb template.) -->
  <xsl:template match="tei:div" mode="toc">
    <!-- the unit's file, handed down from the unit (see plain-units); empty: looked up -->
    <xsl:param name="file"/>
    <xsl:choose>
      <xsl:when test="not(tei:head) and ancestor::tei:div">
        <xsl:apply-templates select="tei:div" mode="toc"><xsl:with-param name="file" select="$file"/></xsl:apply-templates>
      </xsl:when>
      <xsl:otherwise>
        <li>
          <a>
            <xsl:attribute name="href">
              <xsl:choose>
                <xsl:when test="$file != ''">
                  <xsl:value-of select="$file"/>#<xsl:apply-templates select="." mode="id"/>
                </xsl:when>
                <xsl:otherwise><xsl:apply-templates select="." mode="href"/></xsl:otherwise>
              </xsl:choose>
            </xsl:attribute>
            <xsl:apply-templates select="." mode="toc-label"/>
          </a>
          <xsl:if test="tei:div/descendant::tei:head[parent::tei:div]">
            <ol><xsl:apply-templates select="tei:div" mode="toc"><xsl:with-param name="file" select="$file"/></xsl:apply-templates></ol>
          </xsl:if>
        </li>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A div's label in the toc and in <title>: its heads' text without notes; else its
       number and type. An abstract is named by its first head (ABSTRACT, ÖZET), not by the
       title below it. -->
  <xsl:template match="tei:div" mode="toc-label">
    <xsl:choose>
      <xsl:when test="@type = 'abstract' and tei:head"><xsl:value-of select="normalize-space(tei:head[1])"/></xsl:when>
      <xsl:otherwise><xsl:call-template name="div-label"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template name="div-label">
    <xsl:variable name="text">
      <xsl:for-each select="tei:head">
        <xsl:if test="position() &gt; 1"><xsl:text>: </xsl:text></xsl:if>
        <xsl:apply-templates select="node()" mode="plain"/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="normalize-space($text) != ''"><xsl:value-of select="normalize-space($text)"/></xsl:when>
      <xsl:when test="@n"><xsl:value-of select="concat(@type, ' ', @n)"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="concat('Part ', count(preceding-sibling::tei:div) + 1)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:note | tei:pb | tei:lb" mode="plain"/>
  <xsl:template match="tei:gap" mode="plain"><xsl:value-of select="$gap-text"/></xsl:template>
  <xsl:template match="*" mode="plain"><xsl:apply-templates select="node()" mode="plain"/></xsl:template>

  <!-- The page list's entries, in document order. Unit by unit: the breaks inside a unit
       (when the TEI has no other body or back than the text's, a unit is what holds them) are
       in its file, found once for the unit; the breaks outside units and labels that repeat
       go through the general templates (a file and an id looked up for each page was 50 000
       instructions a page). -->
  <xsl:template name="page-list">
    <!-- generate-id() meets the elements the print breaks lead into here, in document order,
         as it did when they were found by a key built at this point (libxslt numbers nodes in
         the order generate-id() first meets them: the ids of elements without xml:id stay).
         Break by break (a path from all the breaks, $page-breaks/following-sibling::…, makes
         libxml2 merge each break's result into the whole list, checking it for duplicates:
         quadratic), only those before a pb or a division, head, front, body or back. -->
    <xsl:for-each select="$page-breaks[following-sibling::*[1]/self::*[self::tei:pb or self::tei:div and not(parent::tei:div)
                          or self::tei:head or self::tei:front or self::tei:body or self::tei:back]]">
      <xsl:variable name="numbered" select="generate-id((following-sibling::*[1]/self::*[not(self::tei:pb)]
                    | following-sibling::*[1]/self::tei:pb/following-sibling::*[not(self::tei:pb)][1])
                    [self::tei:div and not(parent::tei:div) or self::tei:head
                     or self::tei:front or self::tei:body or self::tei:back])"/>
    </xsl:for-each>
    <xsl:choose>
      <xsl:when test="not($page-labels-repeat) and $plain-units">
        <xsl:for-each select="$units | $page-breaks[not(ancestor::tei:div[parent::tei:body or parent::tei:back])]">
          <xsl:choose>
            <xsl:when test="self::tei:pb"><xsl:apply-templates select="." mode="page-list"/></xsl:when>
            <xsl:otherwise>
              <xsl:variable name="file-rtf"><xsl:apply-templates select="." mode="file-name"/></xsl:variable>
              <xsl:variable name="file" select="string($file-rtf)"/>
              <xsl:for-each select="descendant::tei:pb[@ed = 'print'][@n]">
                <li><a href="{$file}#page-{translate(normalize-space(@n), ' &#9;', '__')}"><xsl:value-of select="@n"/></a></li>
              </xsl:for-each>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise><xsl:apply-templates select="$page-breaks" mode="page-list"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:pb" mode="page-list">
    <li><a><xsl:attribute name="href"><xsl:apply-templates select="." mode="file-of"/>#<xsl:apply-templates select="." mode="page-id"/></xsl:attribute><xsl:value-of select="@n"/></a></li>
  </xsl:template>

  <!-- ============================================================ body: blocks -->

  <!-- Divisions: a chapter is a DPUB doc-chapter section; lower divs plain sections with a
       heading one level deeper (h1 … h6). -->
  <xsl:template match="tei:div">
    <xsl:choose>
      <xsl:when test="@type = 'abstract'"><xsl:call-template name="abstract"/></xsl:when>
      <xsl:otherwise><xsl:call-template name="division"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template name="division">
    <xsl:variable name="depth" select="count(ancestor::tei:div[tei:head]) + 1"/>
    <section id="{@xml:id}">
      <xsl:if test="not(@xml:id) or @xml:lang">
        <xsl:if test="not(@xml:id)"><xsl:attribute name="id">n-<xsl:value-of select="generate-id()"/></xsl:attribute></xsl:if>
        <xsl:apply-templates select="@xml:lang" mode="lang"/>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="@type = 'chapter'">
          <xsl:attribute name="epub:type">chapter</xsl:attribute>
          <xsl:attribute name="role">doc-chapter</xsl:attribute>
        </xsl:when>
        <xsl:when test="@type = 'abstract'">
          <xsl:attribute name="epub:type">abstract</xsl:attribute>
          <xsl:attribute name="role">doc-abstract</xsl:attribute>
        </xsl:when>
        <xsl:when test="@type = 'bibliography'">
          <xsl:attribute name="epub:type">bibliography</xsl:attribute>
          <xsl:attribute name="role">doc-bibliography</xsl:attribute>
        </xsl:when>
        <xsl:when test="@type = 'appendix'">
          <xsl:attribute name="epub:type">appendix</xsl:attribute>
          <xsl:attribute name="role">doc-appendix</xsl:attribute>
        </xsl:when>
      </xsl:choose>
      <xsl:if test="@type">
        <xsl:attribute name="class"><xsl:value-of select="@type"/></xsl:attribute>
      </xsl:if>
      <xsl:call-template name="lead-pbs"/>
      <xsl:if test="tei:head">
        <xsl:element name="h{($depth &gt; 6) * 6 + ($depth &lt;= 6) * $depth}">
          <xsl:apply-templates select="tei:head"/>
        </xsl:element>
      </xsl:if>
      <xsl:apply-templates select="*[not(self::tei:head)]"/>
    </section>
  </xsl:template>

  <!-- Several heads make one heading: a label (CHAPTER ONE) above the title. -->
  <xsl:template match="tei:div/tei:head">
    <xsl:choose>
      <xsl:when test="../@type = 'abstract'"><xsl:call-template name="abstract-head"/></xsl:when>
      <xsl:otherwise><xsl:call-template name="div-head"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template name="div-head">
    <xsl:if test="position() &gt; 1"><xsl:text> </xsl:text></xsl:if>
    <xsl:choose>
      <xsl:when test="following-sibling::tei:head">
        <span class="label"><xsl:apply-templates/></span>
      </xsl:when>
      <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The abstracts' heads: the first (ABSTRACT) as the heading, a second (the title) below.
       Each abstract is heading, titles, text: three rows the CSS lines up side by side. -->
  <xsl:template name="abstract-head">
    <xsl:choose>
      <xsl:when test="not(preceding-sibling::tei:head)"><xsl:apply-templates/></xsl:when>
      <xsl:otherwise><span class="label"><xsl:apply-templates/></span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="abstract">
    <section epub:type="abstract" role="doc-abstract" class="abstract" id="{@xml:id}">
      <xsl:if test="not(@xml:id) or @xml:lang">
        <xsl:if test="not(@xml:id)"><xsl:attribute name="id">n-<xsl:value-of select="generate-id()"/></xsl:attribute></xsl:if>
        <xsl:apply-templates select="@xml:lang" mode="lang"/>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="tei:head">
          <h1><xsl:call-template name="lead-pbs"/><xsl:apply-templates select="tei:head[1]"/></h1>
          <div class="abstract-titles">
            <xsl:for-each select="tei:head[position() &gt; 1]">
              <p class="abstract-title"><xsl:apply-templates/></p>
            </xsl:for-each>
          </div>
        </xsl:when>
        <xsl:otherwise><xsl:call-template name="lead-pbs"/></xsl:otherwise>
      </xsl:choose>
      <div class="abstract-text"><xsl:apply-templates select="*[not(self::tei:head)]"/></div>
    </section>
  </xsl:template>

  <xsl:template match="tei:head">
    <p class="head"><xsl:apply-templates/></p>
  </xsl:template>

  <!-- Paragraphs; one holding block content (lists, block quotes, tables, figures) becomes a
       div, since an XHTML p may hold phrasing content only (HTML §4.4.1). -->
  <xsl:template match="tei:p">
    <xsl:choose>
      <xsl:when test="tei:list | tei:table | tei:figure | tei:lg | tei:quote[tei:p or tei:lg or tei:l or @rend='block']">
        <div id="{@xml:id}" class="p">
          <xsl:if test="not(@xml:id) or @xml:lang">
            <xsl:if test="not(@xml:id)"><xsl:attribute name="id">n-<xsl:value-of select="generate-id()"/></xsl:attribute></xsl:if>
            <xsl:apply-templates select="@xml:lang" mode="lang"/>
          </xsl:if>
          <xsl:apply-templates/>
        </div>
      </xsl:when>
      <xsl:otherwise>
        <p id="{@xml:id}">
          <xsl:if test="not(@xml:id) or @xml:lang">
            <xsl:if test="not(@xml:id)"><xsl:attribute name="id">n-<xsl:value-of select="generate-id()"/></xsl:attribute></xsl:if>
            <xsl:apply-templates select="@xml:lang" mode="lang"/>
          </xsl:if>
          <xsl:apply-templates/>
        </p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A quotation: a blockquote where blocks may stand, an unmarked q inside a paragraph
       (the source has its own quotation marks). -->
  <xsl:template match="tei:quote">
    <xsl:variable name="block-parent" select="../parent::tei:div | ../parent::tei:body | ../parent::tei:front
                  | ../parent::tei:back | ../parent::tei:item | ../parent::tei:note"/>
    <xsl:choose>
      <xsl:when test="parent::tei:p and not(tei:p or tei:lg or tei:l or @rend='block') or parent::tei:hi or parent::tei:head
                      or parent::tei:item[text()[normalize-space()]] or parent::tei:q or parent::tei:quote[not(tei:p)]
                      or parent::tei:ref or parent::tei:title or parent::tei:cit[not($block-parent)]
                      or parent::tei:note[not(tei:p or tei:list or tei:table or tei:lg or tei:figure or tei:cit or tei:listBibl
                                              or tei:quote[tei:p or tei:lg or tei:l or @rend='block'])]">
        <q class="quote"><xsl:apply-templates select="@xml:lang" mode="lang"/><xsl:apply-templates/></q>
      </xsl:when>
      <xsl:when test="tei:p or tei:lg or tei:list">
        <blockquote><xsl:apply-templates select="@xml:lang" mode="lang"/><xsl:apply-templates/></blockquote>
      </xsl:when>
      <xsl:otherwise>
        <blockquote><xsl:apply-templates select="@xml:lang" mode="lang"/><p><xsl:apply-templates/></p></blockquote>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:list">
    <xsl:apply-templates select="tei:head"/>
    <xsl:choose>
      <xsl:when test="@type='ordered' or @rend='numbered'">
        <ol id="{@xml:id}">
          <xsl:if test="not(@xml:id)"><xsl:attribute name="id">n-<xsl:value-of select="generate-id()"/></xsl:attribute></xsl:if>
          <xsl:apply-templates select="tei:item"/>
        </ol>
      </xsl:when>
      <xsl:otherwise>
        <ul id="{@xml:id}">
          <xsl:if test="not(@xml:id)"><xsl:attribute name="id">n-<xsl:value-of select="generate-id()"/></xsl:attribute></xsl:if>
          <xsl:apply-templates select="tei:item"/>
        </ul>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A list item; a page break standing between items moves into the next item, since a
       ul may hold li only. -->
  <xsl:template match="tei:item">
    <li id="{@xml:id}">
      <xsl:if test="not(@xml:id)"><xsl:attribute name="id">n-<xsl:value-of select="generate-id()"/></xsl:attribute></xsl:if>
      <!-- (numbered by generate-id() as before, so that later generated ids stay the same) -->
      <xsl:variable name="numbered" select="generate-id()"/>
      <xsl:if test="preceding-sibling::*[1]/self::*[not(self::tei:item)]">
        <xsl:call-template name="pbs-since-item"><xsl:with-param name="before" select="."/></xsl:call-template>
      </xsl:if>
      <xsl:apply-templates/>
    </li>
  </xsl:template>

  <!-- The markers of the print page breaks after the previous item and before the element
       before: one step back per element between the two items (not a walk over every
       sibling before it, for each item). Past 64 such elements in a row, the breaks before
       this item are found in one select (libxslt stops at 3000 nested template calls). -->
  <xsl:template name="pbs-since-item">
    <xsl:param name="before"/>
    <xsl:param name="depth" select="0"/>
    <xsl:variable name="prev" select="$before/preceding-sibling::*[1]/self::*[not(self::tei:item)]"/>
    <xsl:choose>
      <xsl:when test="$depth = 0 and $before/preceding-sibling::*[64]
                      and not($before/preceding-sibling::*[position() &lt;= 64][self::tei:item])">
        <xsl:variable name="item" select="generate-id($before)"/>
        <xsl:apply-templates select="$before/preceding-sibling::tei:pb[@ed = 'print'][@n]
                                     [generate-id(following-sibling::tei:item[1]) = $item]"
                             mode="marker"/>
      </xsl:when>
      <xsl:when test="$prev">
        <xsl:call-template name="pbs-since-item">
          <xsl:with-param name="before" select="$prev"/>
          <xsl:with-param name="depth" select="$depth + 1"/>
        </xsl:call-template>
        <xsl:apply-templates select="$prev[self::tei:pb][@ed = 'print'][@n]" mode="marker"/>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:lg">
    <div class="lg"><xsl:apply-templates/></div>
  </xsl:template>
  <xsl:template match="tei:l">
    <p class="l"><xsl:apply-templates/></p>
  </xsl:template>

  <xsl:template match="tei:figure">
    <figure id="{@xml:id}">
      <xsl:if test="not(@xml:id)"><xsl:attribute name="id">n-<xsl:value-of select="generate-id()"/></xsl:attribute></xsl:if>
      <xsl:apply-templates select="*[not(self::tei:head or self::tei:figDesc)]"/>
      <xsl:if test="tei:head">
        <figcaption><xsl:apply-templates select="tei:head/node()"/></figcaption>
      </xsl:if>
    </figure>
  </xsl:template>
  <xsl:template match="tei:figDesc"/>

  <xsl:template match="tei:table">
    <table id="{@xml:id}">
      <xsl:if test="not(@xml:id)"><xsl:attribute name="id">n-<xsl:value-of select="generate-id()"/></xsl:attribute></xsl:if>
      <xsl:if test="tei:head"><caption><xsl:apply-templates select="tei:head/node()"/></caption></xsl:if>
      <tbody><xsl:apply-templates select="tei:row"/></tbody>
    </table>
  </xsl:template>
  <xsl:template match="tei:row">
    <tr><xsl:apply-templates select="tei:cell"/></tr>
  </xsl:template>
  <xsl:template match="tei:cell">
    <td>
      <xsl:if test="@cols"><xsl:attribute name="colspan"><xsl:value-of select="@cols"/></xsl:attribute></xsl:if>
      <xsl:if test="@rows"><xsl:attribute name="rowspan"><xsl:value-of select="@rows"/></xsl:attribute></xsl:if>
      <xsl:apply-templates/>
    </td>
  </xsl:template>

  <!-- ============================================================ graphics -->

  <!-- A graphic's url, refused (the transform stops) when it leaves the input's directory:
       absolute paths, schemes (http:, file:), '..' segments, escapes and backslashes. -->
  <xsl:template match="tei:graphic" mode="checked-url">
    <xsl:variable name="u" select="normalize-space(@url)"/>
    <xsl:if test="$u = '' or starts-with($u, '/') or contains($u, ':') or contains($u, '\') or contains($u, '%')
                  or $u = '..' or starts-with($u, '../') or contains($u, '/../') or substring($u, string-length($u) - 2) = '/..'">
      <xsl:message terminate="yes">tei2epub: refused graphic url '<xsl:value-of select="@url"/>': it must name a file inside the input's directory</xsl:message>
    </xsl:if>
    <xsl:value-of select="$u"/>
  </xsl:template>

  <xsl:template match="tei:graphic" mode="image-path">
    <xsl:variable name="u" select="normalize-space(@url)"/>
    <xsl:variable name="ext">
      <xsl:call-template name="extension"><xsl:with-param name="name" select="$u"/></xsl:call-template>
    </xsl:variable>
    <xsl:value-of select="concat('images/img', count(preceding::tei:graphic) + 1, '.', $ext)"/>
  </xsl:template>

  <!-- What follows the last full stop of name, lower-cased (the whole name when it has none,
       nothing when it ends with one); EXSLT's tokenize rather than a template call per full
       stop, which libxslt would stop at 3000. -->
  <xsl:template name="extension">
    <xsl:param name="name"/>
    <xsl:variable name="last">
      <xsl:if test="substring($name, string-length($name)) != '.'">
        <xsl:value-of select="str:tokenize($name, '.')[last()]"/>
      </xsl:if>
    </xsl:variable>
    <xsl:value-of select="translate($last, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"/>
  </xsl:template>

  <!-- Core media types only (EPUB 3.3 §3.2); anything else is refused. -->
  <xsl:template match="tei:graphic" mode="media-type">
    <xsl:variable name="checked"><xsl:apply-templates select="." mode="checked-url"/></xsl:variable>
    <xsl:variable name="ext">
      <xsl:call-template name="extension"><xsl:with-param name="name" select="$checked"/></xsl:call-template>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$ext = 'png'">image/png</xsl:when>
      <xsl:when test="$ext = 'jpg' or $ext = 'jpeg'">image/jpeg</xsl:when>
      <xsl:when test="$ext = 'gif'">image/gif</xsl:when>
      <xsl:when test="$ext = 'svg'">image/svg+xml</xsl:when>
      <xsl:when test="$ext = 'webp'">image/webp</xsl:when>
      <xsl:otherwise>
        <xsl:message terminate="yes">tei2epub: graphic '<xsl:value-of select="@url"/>' is not PNG, JPEG, GIF, SVG or WebP</xsl:message>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:graphic">
    <xsl:variable name="checked"><xsl:apply-templates select="." mode="checked-url"/></xsl:variable>
    <img>
      <xsl:attribute name="src"><xsl:apply-templates select="." mode="image-path"/></xsl:attribute>
      <xsl:attribute name="alt">
        <xsl:value-of select="normalize-space(../tei:figDesc | tei:desc)"/>
      </xsl:attribute>
    </img>
  </xsl:template>

  <!-- ============================================================ body: inlines -->

  <!-- A note reference at the note's place (EPUB 3 Structural Semantics noteref; DPUB-ARIA
       doc-noteref), numbered as the thesis numbers it. -->
  <xsl:template match="tei:note">
    <a class="noteref" epub:type="noteref" role="doc-noteref" id="ref-{@xml:id}" href="#{@xml:id}">
      <xsl:choose>
        <xsl:when test="@xml:id and @n"><xsl:value-of select="@n"/></xsl:when>
        <xsl:otherwise>
          <xsl:if test="not(@xml:id)">
            <xsl:variable name="id" select="concat('n-', generate-id())"/>
            <xsl:attribute name="id">ref-<xsl:value-of select="$id"/></xsl:attribute>
            <xsl:attribute name="href">#<xsl:value-of select="$id"/></xsl:attribute>
          </xsl:if>
          <xsl:value-of select="@n"/>
          <xsl:if test="not(@n)"><xsl:apply-templates select="." mode="number"/></xsl:if>
        </xsl:otherwise>
      </xsl:choose>
    </a>
  </xsl:template>

  <!-- The note itself, after the text of its document, linking back to its reference (its
       number: DPUB-ARIA doc-backlink); a lost note text shows the gap sign. Written out in one
       template (ids, numbers and the first text are each a select, not a template call into a
       result-tree fragment): this runs once per note. -->
  <xsl:template match="tei:note" mode="footnote">
    <aside class="footnote" epub:type="footnote" role="doc-footnote" id="{@xml:id}">
      <xsl:if test="not(@xml:id) or @xml:lang">
        <xsl:if test="not(@xml:id)"><xsl:attribute name="id">n-<xsl:value-of select="generate-id()"/></xsl:attribute></xsl:if>
        <xsl:apply-templates select="@xml:lang" mode="lang"/>
      </xsl:if>
      <xsl:choose>
        <!-- a note of text and phrases, the usual one, in one test: no p, list, table … among
             its children (their names looked up in one string: cheaper than a step per name) -->
        <xsl:when test="not(tei:*[contains('|p|list|table|lg|figure|cit|listBibl|', concat('|', local-name(), '|'))
                        or self::tei:quote[tei:p or tei:lg or tei:l or @rend='block']])">
          <p>
            <a class="backlink" role="doc-backlink" href="#ref-{@xml:id}" title="Back to the text"><xsl:if test="not(@xml:id)"><xsl:attribute name="href">#ref-n-<xsl:value-of select="generate-id()"/></xsl:attribute></xsl:if><xsl:value-of select="@n"/><xsl:if test="not(@n)"><xsl:apply-templates select="." mode="number"/></xsl:if>.</a>
            <xsl:text> </xsl:text>
            <xsl:call-template name="note-text"/>
          </p>
        </xsl:when>
        <xsl:when test="node()[self::* or normalize-space()][1][self::tei:p]">
          <p>
            <a class="backlink" role="doc-backlink" href="#ref-{@xml:id}" title="Back to the text"><xsl:if test="not(@xml:id)"><xsl:attribute name="href">#ref-n-<xsl:value-of select="generate-id()"/></xsl:attribute></xsl:if><xsl:value-of select="@n"/><xsl:if test="not(@n)"><xsl:apply-templates select="." mode="number"/></xsl:if>.</a>
            <xsl:text> </xsl:text>
            <xsl:apply-templates select="tei:p[1]/node()"/>
          </p>
          <xsl:apply-templates select="tei:p[1]/following-sibling::node()"/>
        </xsl:when>
        <xsl:otherwise>
          <p>
            <a class="backlink" role="doc-backlink" href="#ref-{@xml:id}" title="Back to the text"><xsl:if test="not(@xml:id)"><xsl:attribute name="href">#ref-n-<xsl:value-of select="generate-id()"/></xsl:attribute></xsl:if><xsl:value-of select="@n"/><xsl:if test="not(@n)"><xsl:apply-templates select="." mode="number"/></xsl:if>.</a>
            <xsl:text> </xsl:text>
          </p>
          <xsl:call-template name="note-text"/>
        </xsl:otherwise>
      </xsl:choose>
    </aside>
  </xsl:template>

  <!-- A note's content; its text starts right after its number: the leading white space of its
       first text (the importer keeps the space that followed the number in the source) is
       dropped. Nothing before that text shows (it has no element before it). Done here, not by
       a template matching tei:note/text()[1][…]: libxslt tests every text node it processes
       against such a pattern, evaluating the pattern over the document and scanning the list. -->
  <xsl:template name="note-text">
    <xsl:variable name="lead" select="text()[1][not(preceding-sibling::*)]"/>
    <xsl:choose>
      <xsl:when test="$lead">
        <xsl:value-of select="substring($lead, string-length(substring-before($lead, substring(normalize-space($lead), 1, 1))) + 1)"/>
        <xsl:apply-templates select="$lead/following-sibling::node()"/>
      </xsl:when>
      <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:gap">
    <span class="gap"><xsl:value-of select="$gap-text"/></span>
  </xsl:template>

  <!-- A print page break (issue 6): a marker readers and assistive technology know
       (EPUB 3 pagebreak, DPUB-ARIA doc-pagebreak); its label is the printed page number.
       A break standing between divisions (before a div, its head, or a whole front or body)
       is drawn at the start of what follows it instead (lead-pbs), one inside a list by the
       next item (an ul may hold li only). One template with the tests inside, not patterns
       with predicates: libxslt recounts a node's position among its siblings for every
       predicate of a pattern it tests, and lists the whole document's matches for a pattern
       with two predicates, then scans that list for each node. -->
  <xsl:template match="tei:pb">
    <!-- what it leads into: the next element that is not a pb (the next element first:
         libxml2 stops at the first sibling for following-sibling::*[1], but gathers them all
         for following-sibling::*[1][test] or *[test][1]) -->
    <xsl:if test="@ed = 'print' and @n and not(parent::tei:list)
                  and not((following-sibling::*[1]/self::*[not(self::tei:pb)]
                           | following-sibling::*[1]/self::tei:pb/following-sibling::*[not(self::tei:pb)][1])
                          [self::tei:div and not(parent::tei:div) or self::tei:head
                           or self::tei:front or self::tei:body or self::tei:back])">
      <xsl:apply-templates select="." mode="marker"/>
    </xsl:if>
  </xsl:template>
  <xsl:template match="tei:pb" mode="marker">
    <xsl:choose>
      <xsl:when test="$page-labels-repeat">
        <span class="pagebreak" epub:type="pagebreak" role="doc-pagebreak">
          <xsl:attribute name="id"><xsl:apply-templates select="." mode="page-id"/></xsl:attribute>
          <xsl:attribute name="aria-label"><xsl:value-of select="@n"/></xsl:attribute>
        </span>
      </xsl:when>
      <xsl:otherwise>
        <span class="pagebreak" epub:type="pagebreak" role="doc-pagebreak"
              id="{concat('page-', translate(normalize-space(@n), ' &#9;', '__'))}" aria-label="{@n}"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A page marker's id: page-LABEL, white space made '_', and -2, -3 … for a label that
       repeats (XML ids are unique). -->
  <xsl:template match="tei:pb" mode="page-id">
    <xsl:value-of select="concat('page-', translate(normalize-space(@n), ' &#9;', '__'))"/>
    <xsl:if test="$page-labels-repeat">
      <xsl:variable name="same" select="key('print-pb', @n)"/>
      <xsl:if test="count($same) &gt; 1">
        <!-- its rank among the breaks of that label: key() gives them in document order, so
             this costs the few repeats, not a walk over the whole document -->
        <xsl:variable name="me" select="generate-id()"/>
        <xsl:for-each select="$same">
          <xsl:if test="generate-id() = $me and position() &gt; 1">
            <xsl:value-of select="concat('-', position())"/>
          </xsl:if>
        </xsl:for-each>
      </xsl:if>
    </xsl:if>
  </xsl:template>

  <!-- True when two print page breaks share a label: only then are ids ranked, with the
       print-pb key (libxslt builds every key over the whole TEI at the first key() call).
       Found by sorting the labels and comparing each with the next. -->
  <xsl:variable name="page-labels-rtf">
    <xsl:for-each select="$page-breaks">
      <xsl:sort select="@n"/>
      <pkg:label n="{@n}"/>
    </xsl:for-each>
  </xsl:variable>
  <xsl:variable name="page-labels-repeat"
                select="boolean(exsl:node-set($page-labels-rtf)/pkg:label[@n = following-sibling::pkg:label[1]/@n])"/>

  <!-- The markers of the page breaks that lead into owner (a div, or the first element of the
       body-intro), including those standing before its front/body/back when it comes first:
       the print breaks among the pb elements right before it (before a head or a whole front,
       body or back; before a div that is not inside a div).
       generate-id() is called on the same nodes in the same order as when these were key
       lookups by generate-id: libxslt numbers nodes in the order generate-id() first meets
       them, and the ids of elements without xml:id are those numbers. -->
  <xsl:template name="lead-pbs">
    <xsl:param name="owner" select="."/>
    <!-- (the test looks one element back first: the walk over all elements before owner
         is made only when what stands right before it is a pb) -->
    <xsl:if test="$owner[parent::tei:front or parent::tei:body or parent::tei:back]
                  and not($owner/preceding-sibling::*[1]/self::*[not(self::tei:pb)])
                  and not($owner/preceding-sibling::*[not(self::tei:pb)][1])">
      <xsl:variable name="numbered" select="generate-id($owner/..)"/>
      <xsl:call-template name="pb-run"><xsl:with-param name="before" select="$owner/.."/></xsl:call-template>
    </xsl:if>
    <xsl:variable name="owner-numbered" select="generate-id($owner)"/>
    <xsl:if test="$owner[self::tei:div and not(parent::tei:div) or self::tei:head or self::tei:front
                  or self::tei:body or self::tei:back]/preceding-sibling::*[1]/self::tei:pb">
      <xsl:call-template name="pb-run"><xsl:with-param name="before" select="$owner"/></xsl:call-template>
    </xsl:if>
    <xsl:variable name="head-numbered" select="generate-id($owner/tei:head[1])"/>
    <xsl:if test="$owner/tei:head[1]/preceding-sibling::*[1]/self::tei:pb">
      <xsl:call-template name="pb-run"><xsl:with-param name="before" select="$owner/tei:head[1]"/></xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- The markers of the print page breaks among the pb elements right before the element
       before, in document order: one step back per break (not a walk over all the siblings
       before it), recursing as deep as the breaks stand in a row. A run of 64 breaks or
       more (a scan of blank pages, say) is taken at once through the lead-pb key instead, built
       only then: libxslt stops at 3000 nested template calls. -->
  <xsl:template name="pb-run">
    <xsl:param name="before"/>
    <xsl:param name="depth" select="0"/>
    <xsl:variable name="pb" select="$before/preceding-sibling::*[1]/self::tei:pb"/>
    <xsl:choose>
      <xsl:when test="$depth = 0 and $before/preceding-sibling::*[64]
                      and not($before/preceding-sibling::*[position() &lt;= 64][not(self::tei:pb)])">
        <xsl:apply-templates select="key('lead-pb', generate-id($before))[@ed = 'print'][@n]"
                             mode="marker"/>
      </xsl:when>
      <xsl:when test="$pb">
        <xsl:call-template name="pb-run">
          <xsl:with-param name="before" select="$pb"/>
          <xsl:with-param name="depth" select="$depth + 1"/>
        </xsl:call-template>
        <xsl:apply-templates select="$pb[@ed = 'print'][@n]" mode="marker"/>
      </xsl:when>
    </xsl:choose>
  </xsl:template>
  <xsl:key name="lead-pb" match="tei:pb" use="generate-id(following-sibling::*[not(self::tei:pb)][1])"/>

  <!-- The document of a page break between divisions: that of what it leads into. -->
  <xsl:template match="tei:pb" mode="file-of">
    <xsl:choose>
      <xsl:when test="parent::tei:text or parent::tei:front or parent::tei:body or parent::tei:back">
        <xsl:variable name="owner" select="following-sibling::*[1]/self::*[not(self::tei:pb)]
                      | following-sibling::*[1]/self::tei:pb/following-sibling::*[not(self::tei:pb)][1]"/>
        <xsl:choose>
          <xsl:when test="$owner[self::tei:front or self::tei:body or self::tei:back]">
            <xsl:apply-templates select="$owner/*[not(self::tei:pb)][1]" mode="file-of"/>
          </xsl:when>
          <xsl:when test="$owner"><xsl:apply-templates select="$owner" mode="file-of"/></xsl:when>
          <xsl:otherwise><xsl:apply-templates select="preceding-sibling::*[1]" mode="file-of"/></xsl:otherwise>
        </xsl:choose>
      </xsl:when>
      <xsl:otherwise><xsl:call-template name="file-of"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template match="tei:lb"><br/></xsl:template>

  <xsl:template match="tei:hi">
    <xsl:variable name="r" select="concat(' ', @rend, ' ')"/>
    <xsl:choose>
      <xsl:when test="contains($r, ' sup') or contains($r, 'superscript')"><sup><xsl:apply-templates/></sup></xsl:when>
      <xsl:when test="contains($r, ' sub') or contains($r, 'subscript')"><sub><xsl:apply-templates/></sub></xsl:when>
      <xsl:when test="contains($r, 'bold')"><strong><xsl:apply-templates/></strong></xsl:when>
      <xsl:when test="contains($r, 'italic') or not(@rend)"><em><xsl:apply-templates/></em></xsl:when>
      <xsl:otherwise><span class="{normalize-space(@rend)}"><xsl:apply-templates/></span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:emph | tei:mentioned | tei:soCalled | tei:term" name="em">
    <em class="{local-name()}"><xsl:apply-templates select="@xml:lang" mode="lang"/><xsl:apply-templates/></em>
  </xsl:template>
  <!-- (a title outside the text is an unknown element here; tests inside the template, not
       in match patterns: see the tei:pb template) -->
  <xsl:template match="tei:title">
    <xsl:choose>
      <xsl:when test="ancestor::tei:text"><xsl:call-template name="em"/></xsl:when>
      <xsl:otherwise><xsl:call-template name="unknown"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:foreign">
    <span class="foreign"><xsl:apply-templates select="@xml:lang" mode="lang"/><xsl:apply-templates/></span>
  </xsl:template>

  <!-- Phrase-level TEI elements that only mark meaning: their text, with a class. -->
  <xsl:template match="tei:name | tei:persName | tei:placeName | tei:orgName | tei:date | tei:num
                       | tei:abbr | tei:expan | tei:seg | tei:q | tei:said | tei:bibl
                       | tei:label | tei:rs | tei:measure | tei:code | tei:unclear | tei:sic
                       | tei:corr | tei:orig | tei:reg | tei:add | tei:choice | tei:author
                       | tei:editor | tei:pubPlace | tei:publisher | tei:biblScope | tei:idno" name="phrase">
    <span class="{local-name()}"><xsl:apply-templates select="@xml:lang" mode="lang"/><xsl:apply-templates/></span>
  </xsl:template>
  <xsl:template match="tei:choice/tei:sic | tei:choice/tei:orig"/>
  <xsl:template match="tei:choice/tei:abbr">
    <xsl:if test="not(../tei:expan)"><xsl:call-template name="phrase"/></xsl:if>
  </xsl:template>

  <!-- A citation: a block (quotation and source) where blocks stand, else inline. -->
  <xsl:template match="tei:cit">
    <xsl:choose>
      <xsl:when test="parent::tei:div or parent::tei:body or parent::tei:front or parent::tei:back or parent::tei:item or parent::tei:note">
        <div class="cit"><xsl:apply-templates select="@xml:lang" mode="lang"/><xsl:apply-templates/></div>
      </xsl:when>
      <xsl:otherwise>
        <span class="cit"><xsl:apply-templates select="@xml:lang" mode="lang"/><xsl:apply-templates/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Common TEI front-matter and bibliography blocks: kept as blocks with their text. -->
  <xsl:template match="tei:listBibl">
    <xsl:apply-templates select="tei:head"/>
    <ul class="listBibl"><xsl:for-each select="*[not(self::tei:head)]"><li><xsl:apply-templates select="."/></li></xsl:for-each></ul>
  </xsl:template>
  <xsl:template match="tei:titlePage | tei:docTitle | tei:epigraph | tei:argument | tei:opener | tei:closer
                       | tei:sp | tei:floatingText">
    <div class="{local-name()}"><xsl:apply-templates select="@xml:lang" mode="lang"/><xsl:apply-templates/></div>
  </xsl:template>
  <xsl:template match="tei:titlePart | tei:byline | tei:docAuthor | tei:docDate | tei:docImprint
                       | tei:trailer | tei:salute | tei:signed | tei:dateline | tei:speaker | tei:stage">
    <xsl:choose>
      <xsl:when test="parent::tei:p or parent::tei:hi or parent::tei:head or parent::tei:l">
        <span class="{local-name()}"><xsl:apply-templates/></span>
      </xsl:when>
      <xsl:otherwise>
        <p class="{local-name()}"><xsl:apply-templates select="@xml:lang" mode="lang"/><xsl:apply-templates/></p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <!-- Milestones other than print page breaks carry no text and show nothing. -->
  <xsl:template match="tei:milestone | tei:cb | tei:gb"/>

  <xsl:template match="tei:anchor">
    <span id="{@xml:id}">
      <xsl:if test="not(@xml:id)"><xsl:attribute name="id">n-<xsl:value-of select="generate-id()"/></xsl:attribute></xsl:if>
    </span>
  </xsl:template>

  <!-- Links: to a TEI element by #id (in whichever document it lands), or to the web. -->
  <!-- (Only a #id target is looked up: the first key() call builds every key over the TEI.) -->
  <xsl:template match="tei:ref | tei:ptr">
    <xsl:variable name="t" select="normalize-space(@target)"/>
    <a>
      <xsl:choose>
        <xsl:when test="starts-with($t, '#') and key('id', substring($t, 2))">
          <xsl:attribute name="href"><xsl:apply-templates select="key('id', substring($t, 2))[1]" mode="href"/></xsl:attribute>
        </xsl:when>
        <xsl:otherwise><xsl:attribute name="href"><xsl:value-of select="$t"/></xsl:attribute></xsl:otherwise>
      </xsl:choose>
      <xsl:apply-templates/>
      <xsl:if test="self::tei:ptr"><xsl:value-of select="$t"/></xsl:if>
    </a>
  </xsl:template>

  <!-- Any other TEI element: its text is kept (never dropped) and the first of each name is
       reported, so the stylesheet can learn it. -->
  <xsl:template match="tei:*" name="unknown">
    <xsl:if test="generate-id() = generate-id(key('tei-by-name', local-name())[1])">
      <xsl:variable name="near" select="ancestor-or-self::*[@xml:id][1]"/>
      <xsl:message>tei2epub: unknown TEI element &lt;<xsl:value-of select="local-name()"/>&gt; rendered as its text<xsl:if test="$near"> (first in <xsl:value-of select="concat(local-name($near), ' xml:id=&quot;', $near/@xml:id, '&quot;')"/>)</xsl:if></xsl:message>
    </xsl:if>
    <xsl:choose>
      <xsl:when test="parent::tei:div or parent::tei:body or parent::tei:front or parent::tei:back">
        <div class="tei-{local-name()}"><xsl:apply-templates/></div>
      </xsl:when>
      <xsl:otherwise>
        <span class="tei-{local-name()}"><xsl:apply-templates/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Non-TEI elements (another vocabulary inside the TEI): their text, with a warning. -->
  <xsl:template match="*">
    <xsl:message>tei2epub: foreign element &lt;<xsl:value-of select="name()"/>&gt; rendered as its text</xsl:message>
    <span><xsl:apply-templates/></span>
  </xsl:template>

</xsl:stylesheet>
