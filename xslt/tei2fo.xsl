<?xml version="1.0" encoding="UTF-8"?>
<!-- tei2fo.xsl — TEI P5 → XSL-FO 1.1 for the print edition (XSLT 1.0 + EXSLT, libxslt).
     Sits between the TEI (import) and the typesetter (src/fo/), which lays out exactly the FO
     subset of DESIGN.md; Apache FOP must accept the same FO. Every presentation decision of the
     PDF lives here: page geometry, fonts, title page, abstracts side by side, contents, running
     heads, numbering. A customization layer imports this file and overrides parameters,
     attribute sets (fo-*) or templates. Paragraphs, footnotes and contents entries, made by the
     hundred, carry literal attributes instead of attribute sets (libxslt evaluates a set
     attribute by attribute for every element, several times the cost): change them through
     their parameters or by overriding their templates.

     Output: fo:root with the page masters, the bookmark tree and page sequences:
       title page (format i, number not printed) → front matter (abstracts, other front divs,
       contents; roman numbers) → one sequence per top-level body and back div (arabic, from 1
       at chapter one; the chapter's first page without running head).
     Every TEI xml:id becomes the id of the FO made from that element (the typesetter's page map
     and the links use them); ids the stylesheet makes itself start with "folio-".
     Body text templates: fo-text.xsl; length arithmetic: fo-units.xsl. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="tei">

  <xsl:include href="fo-units.xsl"/>
  <xsl:include href="fo-text.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>
  <!-- Containers of blocks only (mixed content such as p, note, item, quote keeps its spaces). -->
  <xsl:strip-space elements="tei:TEI tei:teiHeader tei:fileDesc tei:titleStmt tei:text tei:front
      tei:body tei:back tei:div tei:list tei:listBibl tei:abstract tei:lg
      tei:respStmt tei:publicationStmt tei:notesStmt tei:profileDesc"/>

  <!-- ============================================================ parameters -->

  <!-- Paper size: a4 (210 × 297 mm) or letter (8.5 × 11 in). -->
  <xsl:param name="paper" select="'a4'"/>
  <!-- Page width; empty: from paper. -->
  <xsl:param name="page-width" select="''"/>
  <!-- Page height; empty: from paper. -->
  <xsl:param name="page-height" select="''"/>
  <!-- Body font family (a family the typesetter's fonts/ map and FOP's config know). -->
  <xsl:param name="font-family" select="'Liberation Serif'"/>
  <!-- Body font size. -->
  <xsl:param name="font-size" select="'12pt'"/>
  <!-- Line spacing of body text, as a multiple of the font size (XSL-FO line-height number). -->
  <xsl:param name="line-spacing" select="'1.5'"/>
  <!-- Margin on the binding side. -->
  <xsl:param name="margin-binding" select="'3.5cm'"/>
  <!-- Margin on the side away from the binding. -->
  <xsl:param name="margin-outer" select="'2.5cm'"/>
  <!-- Top margin (the running head sits in its lower half). -->
  <xsl:param name="margin-top" select="'2.5cm'"/>
  <!-- Bottom margin (the page number sits in its upper half). -->
  <xsl:param name="margin-bottom" select="'2.5cm'"/>
  <!-- Binding: left, right, or inside (printed on both sides: left on odd pages, right on even). -->
  <xsl:param name="binding-side" select="'left'"/>
  <!-- yes: every chapter starts on an odd (right-hand) page, a blank page inserted if needed. -->
  <xsl:param name="chapters-on-odd" select="'no'"/>
  <!-- Author for the title page; empty: the TEI header's titleStmt/author (never invented). -->
  <xsl:param name="author" select="''"/>
  <!-- Supervisor; empty: titleStmt/respStmt with resp "supervisor". -->
  <xsl:param name="supervisor" select="''"/>
  <!-- Institution; empty: publicationStmt/publisher or authority. -->
  <xsl:param name="institution" select="''"/>
  <!-- Department; empty: notesStmt/note[@type='department']. -->
  <xsl:param name="department" select="''"/>
  <!-- Degree; empty: notesStmt/note[@type='degree']. -->
  <xsl:param name="degree" select="''"/>
  <!-- Date; empty: publicationStmt/date. -->
  <xsl:param name="date" select="''"/>
  <!-- Words printed before the supervisor's name on the title page. -->
  <xsl:param name="supervisor-label" select="'Supervisor: '"/>
  <!-- Heading of the contents. -->
  <xsl:param name="contents-title" select="'CONTENTS'"/>
  <!-- Heading of an abstract that has no head of its own (any language but Turkish). -->
  <xsl:param name="abstract-heading-en" select="'ABSTRACT'"/>
  <!-- Heading of a Turkish abstract that has no head of its own. -->
  <xsl:param name="abstract-heading-tr" select="'ÖZET'"/>
  <!-- Text size in the abstracts' columns (half the measure of the body). -->
  <xsl:param name="abstract-font-size" select="'11pt'"/>
  <!-- Space between the two abstract columns. -->
  <xsl:param name="abstract-gap" select="'1cm'"/>
  <!-- Room for the contents' page numbers: a long title's lines stop this far short of the
       right margin; the line with the number runs on to the margin. -->
  <xsl:param name="toc-number-width" select="'1.3cm'"/>
  <!-- Deepest heading level listed in the contents and the bookmarks (1 chapter … 3 sub-section). -->
  <xsl:param name="toc-depth" select="3"/>
  <!-- First-line indent of a paragraph that follows another paragraph. -->
  <xsl:param name="paragraph-indent" select="'1.25cm'"/>
  <!-- Hyphenate body text (true|false); the language comes from xml:lang. -->
  <xsl:param name="hyphenate" select="'true'"/>
  <!-- Least lines of a paragraph carried to the top of a page (XSL-FO widows). -->
  <xsl:param name="widows" select="2"/>
  <!-- Least lines of a paragraph left at the bottom of a page (XSL-FO orphans). -->
  <xsl:param name="orphans" select="2"/>
  <!-- Chapter heading size. -->
  <xsl:param name="chapter-font-size" select="'16pt'"/>
  <!-- Section heading size (also the abstracts' headings). -->
  <xsl:param name="section-font-size" select="'13pt'"/>
  <!-- Sub-section heading size (italic bold). -->
  <xsl:param name="subsection-font-size" select="'12pt'"/>
  <!-- Footnote text size. -->
  <xsl:param name="note-font-size" select="'10pt'"/>
  <!-- Footnote line spacing (a multiple of the note size). -->
  <xsl:param name="note-line-spacing" select="'1.2'"/>
  <!-- Block quotation size (a little smaller than the text). -->
  <xsl:param name="quote-font-size" select="'11.5pt'"/>
  <!-- Block quotation line spacing (single-spaced). -->
  <xsl:param name="quote-line-spacing" select="'1.2'"/>
  <!-- Block quotation indent on both sides. -->
  <xsl:param name="quote-indent" select="'1cm'"/>
  <!-- Running head size (the chapter title on a chapter's pages after its first). -->
  <xsl:param name="header-font-size" select="'10pt'"/>
  <!-- Text shown where the TEI has a gap (a note or passage lost from the source). -->
  <xsl:param name="gap-text" select="'[text missing in source]'"/>

  <!-- ============================================================ derived values -->

  <xsl:variable name="tei" select="/tei:TEI"/>
  <xsl:variable name="header" select="$tei/tei:teiHeader"/>
  <xsl:variable name="front" select="$tei/tei:text/tei:front"/>
  <xsl:variable name="body" select="$tei/tei:text/tei:body"/>
  <xsl:variable name="back" select="$tei/tei:text/tei:back"/>
  <xsl:variable name="title-stmt" select="$header/tei:fileDesc/tei:titleStmt"/>
  <xsl:variable name="pub-stmt" select="$header/tei:fileDesc/tei:publicationStmt"/>
  <xsl:variable name="notes-stmt" select="$header/tei:fileDesc/tei:notesStmt"/>

  <xsl:variable name="doc-lang">
    <xsl:choose>
      <xsl:when test="$tei/@xml:lang"><xsl:value-of select="$tei/@xml:lang"/></xsl:when>
      <xsl:when test="$tei/tei:text/@xml:lang"><xsl:value-of select="$tei/tei:text/@xml:lang"/></xsl:when>
      <xsl:when test="$header/tei:profileDesc/tei:langUsage/tei:language/@ident">
        <xsl:value-of select="$header/tei:profileDesc/tei:langUsage/tei:language[1]/@ident"/>
      </xsl:when>
      <xsl:otherwise>en</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <!-- Abstracts: front divs of type abstract, else the header's profileDesc/abstract. -->
  <xsl:variable name="front-abstracts" select="$front/tei:div[@type='abstract']"/>
  <xsl:variable name="abstracts"
      select="$front-abstracts | $header/tei:profileDesc/tei:abstract[not($front-abstracts)]"/>
  <xsl:variable name="front-divs" select="$front/tei:div[not(@type='abstract')]"/>
  <xsl:variable name="chapters" select="$body/tei:div | $back/tei:div"/>

  <xsl:variable name="double-sided" select="$binding-side = 'inside'"/>

  <xsl:variable name="page-width-pt">
    <xsl:choose>
      <xsl:when test="$page-width != ''">
        <xsl:call-template name="fo-to-pt">
          <xsl:with-param name="len" select="$page-width"/>
          <xsl:with-param name="what" select="'page-width'"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="$paper = 'a4'">595.2756</xsl:when>
      <xsl:when test="$paper = 'letter'">612</xsl:when>
      <xsl:otherwise>
        <xsl:message terminate="yes">tei2fo: paper: unknown size '<xsl:value-of select="$paper"/>' (want a4 or letter)</xsl:message>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="page-height-pt">
    <xsl:choose>
      <xsl:when test="$page-height != ''">
        <xsl:call-template name="fo-to-pt">
          <xsl:with-param name="len" select="$page-height"/>
          <xsl:with-param name="what" select="'page-height'"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="$paper = 'letter'">792</xsl:when>
      <xsl:otherwise>841.8898</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="binding-pt">
    <xsl:call-template name="fo-to-pt">
      <xsl:with-param name="len" select="$margin-binding"/>
      <xsl:with-param name="what" select="'margin-binding'"/>
    </xsl:call-template>
  </xsl:variable>
  <xsl:variable name="outer-pt">
    <xsl:call-template name="fo-to-pt">
      <xsl:with-param name="len" select="$margin-outer"/>
      <xsl:with-param name="what" select="'margin-outer'"/>
    </xsl:call-template>
  </xsl:variable>
  <xsl:variable name="top-pt">
    <xsl:call-template name="fo-to-pt">
      <xsl:with-param name="len" select="$margin-top"/>
      <xsl:with-param name="what" select="'margin-top'"/>
    </xsl:call-template>
  </xsl:variable>
  <xsl:variable name="bottom-pt">
    <xsl:call-template name="fo-to-pt">
      <xsl:with-param name="len" select="$margin-bottom"/>
      <xsl:with-param name="what" select="'margin-bottom'"/>
    </xsl:call-template>
  </xsl:variable>
  <xsl:variable name="abstract-gap-pt">
    <xsl:call-template name="fo-to-pt">
      <xsl:with-param name="len" select="$abstract-gap"/>
      <xsl:with-param name="what" select="'abstract-gap'"/>
    </xsl:call-template>
  </xsl:variable>
  <xsl:variable name="toc-number-pt">
    <xsl:call-template name="fo-to-pt">
      <xsl:with-param name="len" select="$toc-number-width"/>
      <xsl:with-param name="what" select="'toc-number-width'"/>
    </xsl:call-template>
  </xsl:variable>
  <xsl:variable name="text-width-pt" select="$page-width-pt - $binding-pt - $outer-pt"/>
  <!-- The page masters' lengths as FO lengths (fo-pt), written once, not per master. -->
  <xsl:variable name="fo-page-width" select="concat(format-number($page-width-pt, '0.###'), 'pt')"/>
  <xsl:variable name="fo-page-height" select="concat(format-number($page-height-pt, '0.###'), 'pt')"/>
  <xsl:variable name="fo-half-top" select="concat(format-number($top-pt div 2, '0.###'), 'pt')"/>
  <xsl:variable name="fo-half-bottom" select="concat(format-number($bottom-pt div 2, '0.###'), 'pt')"/>
  <xsl:variable name="fo-binding" select="concat(format-number($binding-pt, '0.###'), 'pt')"/>
  <xsl:variable name="fo-outer" select="concat(format-number($outer-pt, '0.###'), 'pt')"/>
  <!-- A contents entry's lines end toc-number-width short of the margin, its last line (leader
       and number) at the margin: end-indent and the opposite last-line-end-indent (XSL-FO 1.1
       §7.16.3), LaTeX's \@tocrmarg. Written once here, not per entry. -->
  <xsl:variable name="toc-end-indent" select="concat(format-number($toc-number-pt, '0.###'), 'pt')"/>
  <xsl:variable name="toc-last-line-end-indent"
      select="concat(format-number(-$toc-number-pt, '0.###'), 'pt')"/>

  <!-- ============================================================ attribute sets -->

  <!-- The body text of every page sequence (inherited by everything in it). -->
  <xsl:attribute-set name="fo-text">
    <xsl:attribute name="font-family"><xsl:value-of select="$font-family"/></xsl:attribute>
    <xsl:attribute name="font-size"><xsl:value-of select="$font-size"/></xsl:attribute>
    <xsl:attribute name="line-height"><xsl:value-of select="$line-spacing"/></xsl:attribute>
    <xsl:attribute name="widows"><xsl:value-of select="$widows"/></xsl:attribute>
    <xsl:attribute name="orphans"><xsl:value-of select="$orphans"/></xsl:attribute>
    <xsl:attribute name="hyphenate"><xsl:value-of select="$hyphenate"/></xsl:attribute>
  </xsl:attribute-set>

  <!-- Running head: the chapter title over a thin rule. -->
  <xsl:attribute-set name="fo-running-head">
    <xsl:attribute name="font-size"><xsl:value-of select="$header-font-size"/></xsl:attribute>
    <xsl:attribute name="font-style">italic</xsl:attribute>
    <xsl:attribute name="line-height">1.2</xsl:attribute>
    <xsl:attribute name="text-align">center</xsl:attribute>
    <xsl:attribute name="hyphenate">false</xsl:attribute>
    <xsl:attribute name="border-bottom-style">solid</xsl:attribute>
    <xsl:attribute name="border-bottom-width">0.4pt</xsl:attribute>
    <xsl:attribute name="padding-bottom">2pt</xsl:attribute>
  </xsl:attribute-set>

  <!-- Page number in the footer. -->
  <xsl:attribute-set name="fo-folio">
    <xsl:attribute name="font-size"><xsl:value-of select="$font-size"/></xsl:attribute>
    <xsl:attribute name="line-height">1.2</xsl:attribute>
    <xsl:attribute name="text-align">center</xsl:attribute>
  </xsl:attribute-set>

  <!-- Title page blocks. -->
  <xsl:attribute-set name="fo-title-page">
    <xsl:attribute name="text-align">center</xsl:attribute>
    <xsl:attribute name="line-height">1.3</xsl:attribute>
    <xsl:attribute name="hyphenate">false</xsl:attribute>
  </xsl:attribute-set>
  <xsl:attribute-set name="fo-title-main">
    <xsl:attribute name="font-size">18pt</xsl:attribute>
    <xsl:attribute name="font-weight">bold</xsl:attribute>
    <xsl:attribute name="padding-top">5cm</xsl:attribute>
  </xsl:attribute-set>
  <xsl:attribute-set name="fo-title-other">
    <xsl:attribute name="font-size">14pt</xsl:attribute>
    <xsl:attribute name="font-style">italic</xsl:attribute>
    <xsl:attribute name="space-before">18pt</xsl:attribute>
  </xsl:attribute-set>

  <!-- The two-column abstracts table and the headings in its cells. -->
  <xsl:attribute-set name="fo-abstract-cell">
    <xsl:attribute name="font-size"><xsl:value-of select="$abstract-font-size"/></xsl:attribute>
    <xsl:attribute name="text-align">justify</xsl:attribute>
    <xsl:attribute name="hyphenate">true</xsl:attribute>
  </xsl:attribute-set>
  <xsl:attribute-set name="fo-abstract-heading">
    <xsl:attribute name="font-weight">bold</xsl:attribute>
    <xsl:attribute name="line-height">1.2</xsl:attribute>
    <xsl:attribute name="text-align">center</xsl:attribute>
    <xsl:attribute name="text-align-last">center</xsl:attribute>
    <xsl:attribute name="hyphenate">false</xsl:attribute>
    <xsl:attribute name="space-after">12pt</xsl:attribute>
    <xsl:attribute name="keep-with-next">always</xsl:attribute>
  </xsl:attribute-set>
  <xsl:attribute-set name="fo-abstract-title">
    <xsl:attribute name="font-weight">bold</xsl:attribute>
    <xsl:attribute name="text-align">center</xsl:attribute>
    <xsl:attribute name="text-align-last">center</xsl:attribute>
    <xsl:attribute name="hyphenate">false</xsl:attribute>
    <xsl:attribute name="line-height">1.2</xsl:attribute>
    <xsl:attribute name="space-after">12pt</xsl:attribute>
    <xsl:attribute name="keep-with-next">always</xsl:attribute>
  </xsl:attribute-set>

  <!-- ============================================================ the document -->

  <xsl:template match="/">
    <xsl:if test="not(tei:TEI)">
      <xsl:message terminate="yes">tei2fo: the input is not a TEI document (root: <xsl:value-of select="name(*)"/>)</xsl:message>
    </xsl:if>
    <xsl:if test="not($binding-side = 'left' or $binding-side = 'right' or $double-sided)">
      <xsl:message terminate="yes">tei2fo: binding-side: want left, right or inside, not '<xsl:value-of select="$binding-side"/>'</xsl:message>
    </xsl:if>
    <fo:root>
      <xsl:call-template name="fo-language">
        <xsl:with-param name="lang" select="$doc-lang"/>
      </xsl:call-template>
      <fo:layout-master-set>
        <xsl:call-template name="page-masters"/>
        <xsl:call-template name="sequence-masters"/>
      </fo:layout-master-set>
      <xsl:call-template name="bookmark-tree"/>
      <xsl:call-template name="title-sequence"/>
      <xsl:call-template name="front-sequence"/>
      <xsl:call-template name="body-sequences"/>
    </fo:root>
  </xsl:template>

  <!-- language (and country) properties from an xml:lang value such as "tr" or "en-GB"
       (XSL-FO 1.1 §7.10.8, §7.10.2: ISO 639 language, ISO 3166 country). -->
  <xsl:template name="fo-language">
    <xsl:param name="lang"/>
    <xsl:if test="string($lang) != ''">
      <xsl:variable name="l" select="translate(substring-before(concat($lang, '-'), '-'),
          'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"/>
      <xsl:variable name="c" select="substring-after($lang, '-')"/>
      <xsl:attribute name="language"><xsl:value-of select="$l"/></xsl:attribute>
      <xsl:if test="string-length($c) = 2">
        <xsl:attribute name="country">
          <xsl:value-of select="translate($c, 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ')"/>
        </xsl:attribute>
      </xsl:if>
    </xsl:if>
  </xsl:template>

  <!-- ============================================================ page masters -->

  <!-- All simple page masters: title; front (footer); chapter-first (footer, no running
       head); chapter-rest (running head and footer). An -even twin of each when the binding
       is inside, with the binding margin on the right (XSL-FO 1.1 §6.4.12). -->
  <xsl:template name="page-masters">
    <xsl:call-template name="page-master">
      <xsl:with-param name="name" select="'title'"/>
      <xsl:with-param name="footer" select="false()"/>
    </xsl:call-template>
    <xsl:call-template name="page-master-pair">
      <xsl:with-param name="name" select="'front'"/>
    </xsl:call-template>
    <xsl:call-template name="page-master-pair">
      <xsl:with-param name="name" select="'chapter-first'"/>
    </xsl:call-template>
    <xsl:call-template name="page-master-pair">
      <xsl:with-param name="name" select="'chapter-rest'"/>
      <xsl:with-param name="header" select="true()"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="page-master-pair">
    <xsl:param name="name"/>
    <xsl:param name="header" select="false()"/>
    <xsl:call-template name="page-master">
      <xsl:with-param name="name" select="concat($name, '-odd')"/>
      <xsl:with-param name="header" select="$header"/>
    </xsl:call-template>
    <xsl:if test="$double-sided">
      <xsl:call-template name="page-master">
        <xsl:with-param name="name" select="concat($name, '-even')"/>
        <xsl:with-param name="side" select="'even'"/>
        <xsl:with-param name="header" select="$header"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- One page master. The body region has the same size on every master (the text block is
       fixed); the running head and page number sit in the middle of the top and bottom margins. -->
  <xsl:template name="page-master">
    <xsl:param name="name"/>
    <xsl:param name="side" select="'odd'"/>
    <xsl:param name="header" select="false()"/>
    <xsl:param name="footer" select="true()"/>
    <xsl:variable name="binding-left"
        select="$binding-side = 'left' or ($double-sided and $side = 'odd')"/>
    <xsl:variable name="left">
      <xsl:choose>
        <xsl:when test="$binding-left"><xsl:value-of select="$fo-binding"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$fo-outer"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="right">
      <xsl:choose>
        <xsl:when test="$binding-left"><xsl:value-of select="$fo-outer"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$fo-binding"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <fo:simple-page-master master-name="{$name}" page-width="{$fo-page-width}"
        page-height="{$fo-page-height}" margin-top="{$fo-half-top}"
        margin-bottom="{$fo-half-bottom}" margin-left="{$left}" margin-right="{$right}">
      <fo:region-body margin-top="{$fo-half-top}" margin-bottom="{$fo-half-bottom}"/>
      <xsl:if test="$header">
        <xsl:variable name="region">
          <xsl:choose>
            <xsl:when test="$double-sided"><xsl:value-of select="concat('header-', $side)"/></xsl:when>
            <xsl:otherwise>header</xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <fo:region-before display-align="center" region-name="{$region}" extent="{$fo-half-top}"/>
      </xsl:if>
      <xsl:if test="$footer">
        <fo:region-after region-name="footer" display-align="center" extent="{$fo-half-bottom}"/>
      </xsl:if>
    </fo:simple-page-master>
  </xsl:template>

  <!-- front: odd/even alternatives; chapter: its first page without running head, the rest
       with it (XSL-FO 1.1 §6.4.10 conditional-page-master-reference, page-position). A blank
       page that force-page-count adds gets the bare title master: no running head, no number. -->
  <xsl:template name="sequence-masters">
    <fo:page-sequence-master master-name="front">
      <fo:repeatable-page-master-alternatives>
        <xsl:call-template name="blank-master"/>
        <xsl:call-template name="conditional-masters">
          <xsl:with-param name="name" select="'front'"/>
          <xsl:with-param name="position" select="'any'"/>
        </xsl:call-template>
      </fo:repeatable-page-master-alternatives>
    </fo:page-sequence-master>
    <fo:page-sequence-master master-name="chapter">
      <fo:repeatable-page-master-alternatives>
        <xsl:call-template name="blank-master"/>
        <xsl:call-template name="conditional-masters">
          <xsl:with-param name="name" select="'chapter-first'"/>
          <xsl:with-param name="position" select="'first'"/>
        </xsl:call-template>
        <xsl:call-template name="conditional-masters">
          <xsl:with-param name="name" select="'chapter-rest'"/>
          <xsl:with-param name="position" select="'rest'"/>
        </xsl:call-template>
      </fo:repeatable-page-master-alternatives>
    </fo:page-sequence-master>
  </xsl:template>

  <xsl:template name="blank-master">
    <xsl:if test="$double-sided or $chapters-on-odd = 'yes'">
      <fo:conditional-page-master-reference master-reference="title" blank-or-not-blank="blank"/>
    </xsl:if>
  </xsl:template>

  <xsl:template name="conditional-masters">
    <xsl:param name="name"/>
    <xsl:param name="position"/>
    <xsl:choose>
      <xsl:when test="$double-sided">
        <fo:conditional-page-master-reference master-reference="{$name}-odd"
            page-position="{$position}" odd-or-even="odd"/>
        <fo:conditional-page-master-reference master-reference="{$name}-even"
            page-position="{$position}" odd-or-even="even"/>
      </xsl:when>
      <xsl:otherwise>
        <fo:conditional-page-master-reference master-reference="{$name}-odd"
            page-position="{$position}"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============================================================ page sequences -->

  <!-- force-page-count of a sequence (XSL-FO 1.1 §7.27.6): even page counts only where the
       next sequence must start on an odd page. -->
  <xsl:template name="force-page-count">
    <xsl:param name="before-chapter" select="true()"/>
    <xsl:attribute name="force-page-count">
      <xsl:choose>
        <xsl:when test="$before-chapter and ($double-sided or $chapters-on-odd = 'yes')">end-on-even</xsl:when>
        <xsl:otherwise>no-force</xsl:otherwise>
      </xsl:choose>
    </xsl:attribute>
  </xsl:template>

  <!-- Static content shared by the numbered sequences: footer with the page number (in the
       sequence's format) and the footnote separator rule (XSL-FO 1.1 §6.4.1.4). -->
  <xsl:template name="footer-and-separator">
    <fo:static-content flow-name="footer">
      <fo:block xsl:use-attribute-sets="fo-folio"><fo:page-number/></fo:block>
    </fo:static-content>
    <fo:static-content flow-name="xsl-footnote-separator">
      <fo:block line-height="1" space-after="4pt">
        <fo:leader leader-pattern="rule" leader-length="5cm" rule-thickness="0.5pt"/>
      </fo:block>
    </fo:static-content>
  </xsl:template>

  <!-- The running head: the chapter's title (or, on the right-hand pages of a book printed on
       both sides, the section's, as LaTeX's twoside book does) from the markers the divs set
       (XSL-FO 1.1 §6.13.6 retrieve-marker). -->
  <xsl:template name="running-head">
    <xsl:param name="region"/>
    <xsl:param name="class"/>
    <fo:static-content flow-name="{$region}">
      <fo:block xsl:use-attribute-sets="fo-running-head">
        <fo:retrieve-marker retrieve-class-name="{$class}"
            retrieve-position="first-including-carryover" retrieve-boundary="page-sequence"/>
      </fo:block>
    </fo:static-content>
  </xsl:template>

  <xsl:template name="title-sequence">
    <fo:page-sequence master-reference="title" format="i" initial-page-number="1"
        xsl:use-attribute-sets="fo-text">
      <xsl:attribute name="force-page-count">
        <xsl:choose>
          <xsl:when test="$double-sided">even</xsl:when>
          <xsl:otherwise>no-force</xsl:otherwise>
        </xsl:choose>
      </xsl:attribute>
      <fo:flow flow-name="xsl-region-body">
        <xsl:call-template name="title-page"/>
      </fo:flow>
    </fo:page-sequence>
  </xsl:template>

  <!-- Abstracts, the other front divs, each on a page of its own, and the contents. -->
  <xsl:template name="front-sequence">
    <fo:page-sequence master-reference="front" format="i" xsl:use-attribute-sets="fo-text">
      <xsl:call-template name="force-page-count"/>
      <xsl:call-template name="footer-and-separator"/>
      <fo:flow flow-name="xsl-region-body">
        <xsl:call-template name="abstracts"/>
        <xsl:for-each select="$front-divs">
          <fo:block>
            <xsl:if test="$abstracts or position() > 1">
              <xsl:attribute name="break-before">page</xsl:attribute>
            </xsl:if>
            <xsl:apply-templates select="."/>
          </fo:block>
        </xsl:for-each>
        <xsl:call-template name="contents">
          <xsl:with-param name="new-page" select="$abstracts or $front-divs"/>
        </xsl:call-template>
        <xsl:if test="$front/*[not(self::tei:div)]">
          <fo:block><xsl:apply-templates select="$front/*[not(self::tei:div)]"/></fo:block>
        </xsl:if>
      </fo:flow>
    </fo:page-sequence>
  </xsl:template>

  <!-- One sequence per top-level div of body and back, so each chapter starts a page with the
       first-page master; arabic numbers from 1 at the first. Body text before the first div
       goes at the start of the first sequence. -->
  <xsl:template name="body-sequences">
    <xsl:choose>
      <xsl:when test="$chapters">
        <xsl:for-each select="$chapters">
          <xsl:call-template name="chapter-sequence">
            <xsl:with-param name="first" select="position() = 1"/>
            <xsl:with-param name="last" select="position() = last()"/>
          </xsl:call-template>
        </xsl:for-each>
      </xsl:when>
      <xsl:when test="$body/*">
        <xsl:for-each select="$body">
          <xsl:call-template name="chapter-sequence">
            <xsl:with-param name="first" select="true()"/>
            <xsl:with-param name="last" select="true()"/>
          </xsl:call-template>
        </xsl:for-each>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- The context is a top-level div (or a body without divs). -->
  <xsl:template name="chapter-sequence">
    <xsl:param name="first"/>
    <xsl:param name="last"/>
    <fo:page-sequence master-reference="chapter" format="1" xsl:use-attribute-sets="fo-text">
      <xsl:attribute name="initial-page-number">
        <xsl:choose>
          <xsl:when test="$first">1</xsl:when>
          <xsl:otherwise>auto</xsl:otherwise>
        </xsl:choose>
      </xsl:attribute>
      <xsl:call-template name="force-page-count">
        <xsl:with-param name="before-chapter" select="not($last)"/>
      </xsl:call-template>
      <xsl:call-template name="fo-language">
        <xsl:with-param name="lang" select="ancestor-or-self::*[@xml:lang][1]/@xml:lang"/>
      </xsl:call-template>
      <xsl:choose>
        <xsl:when test="$double-sided">
          <xsl:call-template name="running-head">
            <xsl:with-param name="region" select="'header-even'"/>
            <xsl:with-param name="class" select="'chapter'"/>
          </xsl:call-template>
          <xsl:call-template name="running-head">
            <xsl:with-param name="region" select="'header-odd'"/>
            <xsl:with-param name="class" select="'section'"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="running-head">
            <xsl:with-param name="region" select="'header'"/>
            <xsl:with-param name="class" select="'chapter'"/>
          </xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:call-template name="footer-and-separator"/>
      <fo:flow flow-name="xsl-region-body">
        <xsl:choose>
          <xsl:when test="self::tei:body">
            <fo:block><xsl:apply-templates/></fo:block>
          </xsl:when>
          <xsl:otherwise>
            <xsl:variable name="before" select="$body/*[not(self::tei:div)][not(preceding-sibling::tei:div)]"/>
            <xsl:if test="$first and $before">
              <fo:block><xsl:apply-templates select="$before"/></fo:block>
            </xsl:if>
            <xsl:apply-templates select="."/>
            <xsl:variable name="after" select="following-sibling::*[not(self::tei:div)][generate-id(preceding-sibling::tei:div[1]) = generate-id(current())]"/>
            <xsl:if test="$after">
              <fo:block><xsl:apply-templates select="$after"/></fo:block>
            </xsl:if>
          </xsl:otherwise>
        </xsl:choose>
      </fo:flow>
    </fo:page-sequence>
  </xsl:template>

  <!-- ============================================================ title page -->

  <!-- The title page from the TEI header; a parameter, when given, wins over the header.
       Nothing is printed that neither gives. -->
  <xsl:template name="title-page">
    <xsl:variable name="titles" select="$title-stmt/tei:title"/>
    <xsl:variable name="main-lang-titles"
        select="$titles[not(@xml:lang) or @xml:lang = $doc-lang]"/>
    <xsl:variable name="main"
        select="($main-lang-titles[not(@type) or @type='main'] | $titles[1])[1]"/>
    <fo:block id="folio-title-page" xsl:use-attribute-sets="fo-title-page">
      <xsl:call-template name="title-field">
        <xsl:with-param name="param" select="$institution"/>
        <xsl:with-param name="nodes" select="$pub-stmt/tei:publisher | $pub-stmt/tei:authority"/>
        <xsl:with-param name="font-size" select="'14pt'"/>
        <xsl:with-param name="bold" select="true()"/>
      </xsl:call-template>
      <xsl:call-template name="title-field">
        <xsl:with-param name="param" select="$department"/>
        <xsl:with-param name="nodes" select="$notes-stmt/tei:note[@type='department']"/>
      </xsl:call-template>
      <xsl:for-each select="$main">
        <fo:block xsl:use-attribute-sets="fo-title-main">
          <xsl:call-template name="fo-language">
            <xsl:with-param name="lang" select="@xml:lang"/>
          </xsl:call-template>
          <xsl:apply-templates mode="plain"/>
        </fo:block>
      </xsl:for-each>
      <xsl:for-each select="$main-lang-titles[@type='sub']">
        <fo:block font-size="14pt" space-before="12pt"><xsl:apply-templates mode="plain"/></fo:block>
      </xsl:for-each>
      <xsl:for-each select="$titles[count(. | $main-lang-titles) != count($main-lang-titles)]">
        <fo:block xsl:use-attribute-sets="fo-title-other">
          <xsl:call-template name="fo-language">
            <xsl:with-param name="lang" select="@xml:lang"/>
          </xsl:call-template>
          <xsl:apply-templates mode="plain"/>
        </fo:block>
      </xsl:for-each>
      <fo:block padding-top="4.5cm"/>
      <xsl:call-template name="title-field">
        <xsl:with-param name="param" select="$degree"/>
        <xsl:with-param name="nodes" select="$notes-stmt/tei:note[@type='degree']"/>
      </xsl:call-template>
      <xsl:call-template name="title-field">
        <xsl:with-param name="param" select="$author"/>
        <xsl:with-param name="nodes" select="$title-stmt/tei:author"/>
        <xsl:with-param name="font-size" select="'14pt'"/>
        <xsl:with-param name="space" select="'24pt'"/>
      </xsl:call-template>
      <xsl:call-template name="title-field">
        <xsl:with-param name="param" select="$supervisor"/>
        <xsl:with-param name="nodes" select="$title-stmt/tei:respStmt[contains(translate(tei:resp,
            'SUPERVISOR', 'supervisor'), 'supervisor')]/*[not(self::tei:resp)]"/>
        <xsl:with-param name="label" select="$supervisor-label"/>
        <xsl:with-param name="space" select="'24pt'"/>
      </xsl:call-template>
      <xsl:call-template name="title-field">
        <xsl:with-param name="param" select="$date"/>
        <xsl:with-param name="nodes" select="$pub-stmt/tei:date"/>
        <xsl:with-param name="space" select="'24pt'"/>
      </xsl:call-template>
    </fo:block>
  </xsl:template>

  <!-- One title-page line per value: the parameter if not empty, else each non-empty node. -->
  <xsl:template name="title-field">
    <xsl:param name="param"/>
    <xsl:param name="nodes"/>
    <xsl:param name="label" select="''"/>
    <xsl:param name="font-size" select="$font-size"/>
    <xsl:param name="bold" select="false()"/>
    <xsl:param name="space" select="'6pt'"/>
    <xsl:choose>
      <xsl:when test="normalize-space($param) != ''">
        <fo:block font-size="{$font-size}" space-before="{$space}">
          <xsl:if test="$bold"><xsl:attribute name="font-weight">bold</xsl:attribute></xsl:if>
          <xsl:value-of select="concat($label, normalize-space($param))"/>
        </fo:block>
      </xsl:when>
      <xsl:otherwise>
        <xsl:for-each select="$nodes[normalize-space(.) != '']">
          <fo:block font-size="{$font-size}" space-before="{$space}">
            <xsl:if test="$bold"><xsl:attribute name="font-weight">bold</xsl:attribute></xsl:if>
            <xsl:value-of select="$label"/>
            <xsl:value-of select="normalize-space(.)"/>
          </fo:block>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============================================================ abstracts -->

  <!-- Two abstracts: side by side in a fixed two-column table (XSL-FO 1.1 §6.7.3), one row
       for the headings, one for the titles, one for the texts, so both texts start level; the
       text row may break across pages. Otherwise the abstracts one after another. -->
  <xsl:template name="abstracts">
    <xsl:choose>
      <xsl:when test="count($abstracts) = 2">
        <xsl:variable name="column-pt" select="$text-width-pt div 2"/>
        <fo:table table-layout="fixed">
          <xsl:attribute name="width">
            <xsl:call-template name="fo-pt"><xsl:with-param name="pt" select="$text-width-pt"/></xsl:call-template>
          </xsl:attribute>
          <xsl:call-template name="abstract-column"><xsl:with-param name="pt" select="$column-pt"/></xsl:call-template>
          <xsl:call-template name="abstract-column"><xsl:with-param name="pt" select="$column-pt"/></xsl:call-template>
          <fo:table-body>
            <xsl:call-template name="abstract-row"><xsl:with-param name="part" select="'head'"/></xsl:call-template>
            <xsl:call-template name="abstract-row"><xsl:with-param name="part" select="'title'"/></xsl:call-template>
            <xsl:call-template name="abstract-row"><xsl:with-param name="part" select="'text'"/></xsl:call-template>
          </fo:table-body>
        </fo:table>
      </xsl:when>
      <xsl:otherwise>
        <xsl:for-each select="$abstracts">
          <fo:block xsl:use-attribute-sets="fo-abstract-cell">
            <xsl:if test="position() > 1"><xsl:attribute name="break-before">page</xsl:attribute></xsl:if>
            <xsl:call-template name="fo-language">
              <xsl:with-param name="lang" select="ancestor-or-self::*[@xml:lang][1]/@xml:lang"/>
            </xsl:call-template>
            <xsl:apply-templates select="." mode="abstract"/>
          </fo:block>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="abstract-column">
    <xsl:param name="pt"/>
    <fo:table-column>
      <xsl:attribute name="column-width">
        <xsl:call-template name="fo-pt"><xsl:with-param name="pt" select="$pt"/></xsl:call-template>
      </xsl:attribute>
    </fo:table-column>
  </xsl:template>

  <!-- One row of the abstracts table: the part (head, title, text) of each abstract in its
       language, half the gap as padding on the inner side of each cell. -->
  <xsl:template name="abstract-row">
    <xsl:param name="part"/>
    <xsl:variable name="half-gap">
      <xsl:call-template name="fo-pt"><xsl:with-param name="pt" select="$abstract-gap-pt div 2"/></xsl:call-template>
    </xsl:variable>
    <!-- The heading sits close above the title, in the title's size: one text block for
         readers that group lines (pdftotext joins lines of one size at most 1.5 em apart). -->
    <xsl:variable name="gap">
      <xsl:choose>
        <xsl:when test="$part = 'head'">3pt</xsl:when>
        <xsl:otherwise>12pt</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <fo:table-row>
      <xsl:if test="$part != 'text'"><xsl:attribute name="keep-with-next">always</xsl:attribute></xsl:if>
      <xsl:for-each select="$abstracts">
        <fo:table-cell xsl:use-attribute-sets="fo-abstract-cell">
          <xsl:choose>
            <xsl:when test="position() = 1">
              <xsl:attribute name="padding-end"><xsl:value-of select="$half-gap"/></xsl:attribute>
            </xsl:when>
            <xsl:otherwise>
              <xsl:attribute name="padding-start"><xsl:value-of select="$half-gap"/></xsl:attribute>
            </xsl:otherwise>
          </xsl:choose>
          <xsl:if test="$part != 'text'">
            <!-- space after the last block of a cell is discarded (§4.3): padding instead -->
            <xsl:attribute name="padding-after"><xsl:value-of select="$gap"/></xsl:attribute>
          </xsl:if>
          <xsl:call-template name="fo-language">
            <xsl:with-param name="lang" select="ancestor-or-self::*[@xml:lang][1]/@xml:lang"/>
          </xsl:call-template>
          <xsl:apply-templates select="." mode="abstract">
            <xsl:with-param name="part" select="$part"/>
          </xsl:apply-templates>
        </fo:table-cell>
      </xsl:for-each>
    </fo:table-row>
  </xsl:template>

  <!-- One abstract, or one part of it: its heading (the first untyped head, else the parameter
       for its language) in a block with the abstract's id; its title (the other heads or a
       p rend="title", else the header's title in its language); its text. -->
  <xsl:template match="tei:div | tei:abstract" mode="abstract">
    <xsl:param name="part" select="'all'"/>
    <xsl:variable name="heading" select="tei:head[not(@type)][1]"/>
    <xsl:variable name="titles"
        select="tei:head[count(. | $heading) != count($heading)] | tei:p[@rend='title' or @type='title']"/>
    <xsl:choose>
      <xsl:when test="$part = 'head'">
        <fo:block>
          <xsl:attribute name="id"><xsl:call-template name="fo-id"/></xsl:attribute>
          <xsl:call-template name="abstract-heading"><xsl:with-param name="heading" select="$heading"/></xsl:call-template>
        </fo:block>
      </xsl:when>
      <xsl:when test="$part = 'title'">
        <fo:block>
          <xsl:call-template name="abstract-titles"><xsl:with-param name="titles" select="$titles"/></xsl:call-template>
        </fo:block>
      </xsl:when>
      <xsl:when test="$part = 'text'">
        <fo:block>
          <xsl:apply-templates select="node()[count(. | $heading | $titles) != count($heading | $titles)]"/>
        </fo:block>
      </xsl:when>
      <xsl:otherwise>
        <fo:block>
          <xsl:attribute name="id"><xsl:call-template name="fo-id"/></xsl:attribute>
          <xsl:call-template name="abstract-heading"><xsl:with-param name="heading" select="$heading"/></xsl:call-template>
          <xsl:call-template name="abstract-titles"><xsl:with-param name="titles" select="$titles"/></xsl:call-template>
          <xsl:apply-templates select="node()[count(. | $heading | $titles) != count($heading | $titles)]"/>
        </fo:block>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="abstract-heading">
    <xsl:param name="heading"/>
    <fo:block xsl:use-attribute-sets="fo-abstract-heading">
      <xsl:attribute name="id">
        <xsl:choose>
          <xsl:when test="$heading">
            <xsl:call-template name="fo-id"><xsl:with-param name="node" select="$heading"/></xsl:call-template>
          </xsl:when>
          <xsl:otherwise><xsl:call-template name="fo-id"/>-head</xsl:otherwise>
        </xsl:choose>
      </xsl:attribute>
      <xsl:choose>
        <xsl:when test="$heading"><xsl:apply-templates select="$heading/node()"/></xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="abstract-default-heading">
            <xsl:with-param name="lang" select="string(ancestor-or-self::*[@xml:lang][1]/@xml:lang)"/>
          </xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
    </fo:block>
  </xsl:template>

  <xsl:template name="abstract-titles">
    <xsl:param name="titles"/>
    <xsl:variable name="lang" select="string(ancestor-or-self::*[@xml:lang][1]/@xml:lang)"/>
    <xsl:choose>
      <xsl:when test="$titles">
        <xsl:for-each select="$titles">
          <fo:block xsl:use-attribute-sets="fo-abstract-title">
            <xsl:call-template name="fo-id-attribute"/>
            <xsl:apply-templates/>
          </fo:block>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="primary" select="substring-before(concat($lang, '-'), '-')"/>
        <xsl:for-each select="($title-stmt/tei:title[@xml:lang = $lang][not(@type='sub')]
            | $title-stmt/tei:title[not(@xml:lang)][not(@type='sub')][$primary = substring-before(concat($doc-lang, '-'), '-')])[1]">
          <fo:block xsl:use-attribute-sets="fo-abstract-title"><xsl:apply-templates mode="plain"/></fo:block>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="abstract-default-heading">
    <xsl:param name="lang"/>
    <xsl:choose>
      <xsl:when test="starts-with($lang, 'tr')"><xsl:value-of select="$abstract-heading-tr"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$abstract-heading-en"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The words of an abstract's heading, for the bookmarks. -->
  <xsl:template name="abstract-label">
    <xsl:variable name="heading" select="tei:head[not(@type)][1]"/>
    <xsl:choose>
      <xsl:when test="$heading">
        <xsl:variable name="t"><xsl:apply-templates select="$heading" mode="plain"/></xsl:variable>
        <xsl:value-of select="normalize-space($t)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="abstract-default-heading">
          <xsl:with-param name="lang" select="string(ancestor-or-self::*[@xml:lang][1]/@xml:lang)"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============================================================ contents -->

  <!-- The contents: front divs other than the abstracts (which precede it), then every
       chapter, section and sub-section down to toc-depth, one block per entry (toc-line). -->
  <xsl:template name="contents">
    <xsl:param name="new-page"/>
    <fo:block id="folio-contents">
      <xsl:if test="$new-page"><xsl:attribute name="break-before">page</xsl:attribute></xsl:if>
      <fo:block xsl:use-attribute-sets="fo-chapter-head">
        <xsl:value-of select="$contents-title"/>
      </fo:block>
      <xsl:apply-templates select="$front-divs | $chapters" mode="toc"/>
    </fo:block>
  </xsl:template>

  <xsl:template match="tei:div" mode="toc">
    <xsl:variable name="level" select="count(ancestor::tei:div) + 1"/>
    <xsl:if test="tei:head">
      <xsl:variable name="text"><xsl:call-template name="heading-text"/></xsl:variable>
      <!-- The number the entry opens with, as printed: "CHAPTER ONE:" (a label, as
           heading-text joins it to the title with ": "; a label holding ": " itself would be
           cut at its own), "1.3." (the title's own first word when it is the div's n, with or
           without a full stop), "2" (n put before the title); empty when there is none. -->
      <xsl:variable name="first" select="substring-before(concat($text, ' '), ' ')"/>
      <xsl:variable name="n" select="normalize-space(@n)"/>
      <xsl:call-template name="toc-line">
        <xsl:with-param name="id"><xsl:call-template name="heading-id"/></xsl:with-param>
        <xsl:with-param name="text" select="string($text)"/>
        <xsl:with-param name="number">
          <xsl:choose>
            <xsl:when test="(tei:head[@type='label'] or tei:head/tei:label) and contains($text, ': ')">
              <xsl:value-of select="concat(substring-before($text, ': '), ':')"/>
            </xsl:when>
            <xsl:when test="$n != '' and ($first = $n or $first = concat($n, '.')) and $first != $text">
              <xsl:value-of select="$first"/>
            </xsl:when>
          </xsl:choose>
        </xsl:with-param>
        <xsl:with-param name="level" select="$level"/>
      </xsl:call-template>
    </xsl:if>
    <xsl:if test="$level &lt; $toc-depth">
      <xsl:apply-templates select="tei:div" mode="toc"/>
    </xsl:if>
  </xsl:template>

  <!-- One contents entry as one block, the classic FO idiom (DocBook XSL's toc.line): the
       title linked to its heading, a dot leader, the heading's page number, the last line
       justified so the leader fills it and the number ends at the right margin (XSL-FO 1.1
       §7.16.10 text-align-last, §6.6.9 leader, §6.6.11 page-number-citation). Title, dots and
       number share a baseline, so text extraction reads each entry as one line. Level 1 bold
       with space above, deeper levels indented 1.5 em each. As in LaTeX's contents
       (\@dottedtocline), a long title's other lines hang under its words, not under its
       number: start-indent is the level's indent plus the width of the number and a space,
       text-indent the opposite, so the first line starts where it did (XSL-FO 1.1 §7.16.11
       text-indent); the width comes from the font's advances (fo-text-width-em). And they stay
       out of the page-number column ($toc-end-indent and the negative
       $toc-last-line-end-indent). -->
  <xsl:template name="toc-line">
    <xsl:param name="id"/>
    <xsl:param name="text"/>
    <xsl:param name="level"/>
    <xsl:param name="number" select="''"/>
    <xsl:variable name="hang">
      <xsl:choose>
        <xsl:when test="$number != ''">
          <xsl:call-template name="fo-text-width-em">
            <xsl:with-param name="s" select="concat($number, ' ')"/>
            <xsl:with-param name="bold" select="$level = 1"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:otherwise>0</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="text-indent">
      <xsl:choose>
        <xsl:when test="$hang > 0">-<xsl:value-of select="format-number($hang, '0.###')"/>em</xsl:when>
        <xsl:otherwise>0pt</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <fo:block text-align="start" text-align-last="justify" hyphenate="false"
        text-indent="{$text-indent}" end-indent="{$toc-end-indent}"
        last-line-end-indent="{$toc-last-line-end-indent}"
        start-indent="{format-number(($level - 1) * 1.5 + $hang, '0.###')}em">
      <xsl:if test="$level = 1">
        <xsl:attribute name="font-weight">bold</xsl:attribute>
        <xsl:attribute name="space-before">6pt</xsl:attribute>
      </xsl:if>
      <fo:basic-link internal-destination="{$id}"><xsl:value-of select="$text"/></fo:basic-link>
      <xsl:text> </xsl:text>
      <fo:leader leader-pattern="dots"/>
      <fo:basic-link internal-destination="{$id}"><fo:page-number-citation ref-id="{$id}"/></fo:basic-link>
    </fo:block>
  </xsl:template>

  <!-- ============================================================ bookmarks -->

  <!-- The outline: abstracts, other front divs, contents, then chapters with their sections
       and sub-sections nested as in the TEI (XSL-FO 1.1 §6.11). -->
  <xsl:template name="bookmark-tree">
    <fo:bookmark-tree>
      <xsl:for-each select="$abstracts">
        <fo:bookmark>
          <xsl:attribute name="internal-destination"><xsl:call-template name="fo-id"/></xsl:attribute>
          <fo:bookmark-title><xsl:call-template name="abstract-label"/></fo:bookmark-title>
        </fo:bookmark>
      </xsl:for-each>
      <xsl:apply-templates select="$front-divs" mode="bookmark"/>
      <fo:bookmark internal-destination="folio-contents">
        <fo:bookmark-title><xsl:value-of select="$contents-title"/></fo:bookmark-title>
      </fo:bookmark>
      <xsl:apply-templates select="$chapters" mode="bookmark"/>
    </fo:bookmark-tree>
  </xsl:template>

  <!-- A div with a head is a bookmark holding its sub-divs'; a div without one passes its
       sub-divs up to its parent's level. -->
  <xsl:template match="tei:div" mode="bookmark">
    <xsl:variable name="level" select="count(ancestor::tei:div) + 1"/>
    <xsl:choose>
      <xsl:when test="tei:head">
        <!-- chapters open (show), deeper levels closed (hide) -->
        <xsl:variable name="state" select="substring('hideshow', 1 + 4 * ($level = 1), 4)"/>
        <fo:bookmark internal-destination="{tei:head[1]/@xml:id}" starting-state="{$state}">
          <xsl:if test="not(tei:head[1]/@xml:id)">
            <xsl:attribute name="internal-destination"><xsl:call-template name="heading-id"/></xsl:attribute>
          </xsl:if>
          <fo:bookmark-title><xsl:call-template name="heading-text"/></fo:bookmark-title>
          <xsl:if test="$level &lt; $toc-depth">
            <xsl:apply-templates select="tei:div" mode="bookmark"/>
          </xsl:if>
        </fo:bookmark>
      </xsl:when>
      <xsl:when test="$level &lt; $toc-depth">
        <xsl:apply-templates select="tei:div" mode="bookmark"/>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
