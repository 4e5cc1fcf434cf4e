<?xml version="1.0" encoding="UTF-8"?>
<!-- fo-text.xsl — the body text of tei2fo.xsl: divs, headings, paragraphs, lists, quotations,
     footnotes and inline TEI as XSL-FO blocks and inlines (XSLT 1.0). Included by tei2fo.xsl,
     whose parameters it reads. Mode "plain" gives the words of a heading for the contents,
     bookmarks and running heads (no notes, no ids). -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:exsl="http://exslt.org/common"
    xmlns:fx="urn:x-folio:fo-index"
    exclude-result-prefixes="tei exsl fx">

  <!-- Characters that, first in a list item's text, are its bullet (kept as the label). -->
  <xsl:variable name="bullet-chars" select="'•◦▪▫‣∙·–—-*○●■□'"/>

  <!-- Numbers for a TEI written without ids or note numbers, each list made in one walk:
       the document-order position of every div, head, note and abstract without an xml:id
       (fo-id), and the rank of every note not inside a note (its number when it has no n).
       Per element these were walks back over the document (count(preceding::*), xsl:number
       level="any"): quadratic, 0.9 s for the thesis ten times over without ids. libxslt
       evaluates every global variable up front, so each list is made only when the first div
       or the first note shows it will be needed; otherwise fo-id keeps counting (same ids).
       Entries are found with id(): the xml:id libxslt gives each makes it an ID of the
       fragment (libxml2 registers xml:id), so no key table is built over the fragment or the
       TEI (XSLT 1.0 §12.1, xml:id 1.0 §4). -->
  <xsl:variable name="fo-unnamed-rtf">
    <xsl:if test="/descendant::tei:div[1][not(@xml:id)]">
      <xsl:for-each select="/descendant::*">
        <xsl:if test="not(@xml:id) and (self::tei:div or self::tei:head or self::tei:note
                      or self::tei:abstract)">
          <fx:i position="{position()}">
            <xsl:attribute name="xml:id"><xsl:value-of select="generate-id()"/></xsl:attribute>
          </fx:i>
        </xsl:if>
      </xsl:for-each>
    </xsl:if>
  </xsl:variable>
  <xsl:variable name="fo-unnamed" select="exsl:node-set($fo-unnamed-rtf)"/>
  <xsl:variable name="fo-unnamed-made" select="boolean($fo-unnamed/fx:i)"/>
  <xsl:variable name="fo-note-ranks-rtf">
    <xsl:if test="/descendant::tei:note[1][normalize-space(@n) = '']">
      <xsl:for-each select="/descendant::tei:note[not(ancestor::tei:note)]">
        <fx:i rank="{position()}">
          <xsl:attribute name="xml:id"><xsl:value-of select="generate-id()"/></xsl:attribute>
        </fx:i>
      </xsl:for-each>
    </xsl:if>
  </xsl:variable>
  <xsl:variable name="fo-note-ranks" select="exsl:node-set($fo-note-ranks-rtf)"/>
  <xsl:variable name="fo-note-ranks-made" select="boolean($fo-note-ranks/fx:i)"/>

  <!-- ============================================================ attribute sets -->

  <!-- Chapter heading: the label (CHAPTER ONE) on one line, the title on the next. -->
  <xsl:attribute-set name="fo-chapter-head">
    <xsl:attribute name="font-size"><xsl:value-of select="$chapter-font-size"/></xsl:attribute>
    <xsl:attribute name="font-weight">bold</xsl:attribute>
    <xsl:attribute name="line-height">1.3</xsl:attribute>
    <xsl:attribute name="text-align">center</xsl:attribute>
    <xsl:attribute name="text-align-last">center</xsl:attribute>
    <xsl:attribute name="hyphenate">false</xsl:attribute>
    <xsl:attribute name="padding-top">1cm</xsl:attribute>
    <xsl:attribute name="space-after">24pt</xsl:attribute>
    <xsl:attribute name="keep-with-next">always</xsl:attribute>
    <xsl:attribute name="keep-together">always</xsl:attribute>
  </xsl:attribute-set>
  <xsl:attribute-set name="fo-section-head">
    <xsl:attribute name="font-size"><xsl:value-of select="$section-font-size"/></xsl:attribute>
    <xsl:attribute name="font-weight">bold</xsl:attribute>
    <xsl:attribute name="line-height">1.3</xsl:attribute>
    <xsl:attribute name="text-align">start</xsl:attribute>
    <xsl:attribute name="text-align-last">start</xsl:attribute>
    <xsl:attribute name="hyphenate">false</xsl:attribute>
    <xsl:attribute name="space-before">18pt</xsl:attribute>
    <xsl:attribute name="space-after">6pt</xsl:attribute>
    <xsl:attribute name="keep-with-next">always</xsl:attribute>
    <xsl:attribute name="keep-together">always</xsl:attribute>
  </xsl:attribute-set>
  <xsl:attribute-set name="fo-subsection-head" use-attribute-sets="fo-section-head">
    <xsl:attribute name="font-size"><xsl:value-of select="$subsection-font-size"/></xsl:attribute>
    <xsl:attribute name="font-style">italic</xsl:attribute>
    <xsl:attribute name="space-before">12pt</xsl:attribute>
  </xsl:attribute-set>
  <!-- Headings below sub-sections, and heads of lists and other blocks. -->
  <xsl:attribute-set name="fo-minor-head">
    <xsl:attribute name="font-style">italic</xsl:attribute>
    <xsl:attribute name="text-align">start</xsl:attribute>
    <xsl:attribute name="hyphenate">false</xsl:attribute>
    <xsl:attribute name="space-before">6pt</xsl:attribute>
    <xsl:attribute name="keep-with-next">always</xsl:attribute>
  </xsl:attribute-set>

  <!-- Block quotation: indented both sides, smaller, closer lines. -->
  <xsl:attribute-set name="fo-quote">
    <xsl:attribute name="font-size"><xsl:value-of select="$quote-font-size"/></xsl:attribute>
    <xsl:attribute name="line-height"><xsl:value-of select="$quote-line-spacing"/></xsl:attribute>
    <xsl:attribute name="start-indent"><xsl:value-of select="$quote-indent"/></xsl:attribute>
    <xsl:attribute name="end-indent"><xsl:value-of select="$quote-indent"/></xsl:attribute>
    <xsl:attribute name="text-indent">0pt</xsl:attribute>
    <xsl:attribute name="text-align">justify</xsl:attribute>
    <xsl:attribute name="text-align-last">start</xsl:attribute>
    <xsl:attribute name="space-before">6pt</xsl:attribute>
    <xsl:attribute name="space-after">12pt</xsl:attribute>
  </xsl:attribute-set>

  <xsl:attribute-set name="fo-list">
    <xsl:attribute name="provisional-distance-between-starts">1cm</xsl:attribute>
    <xsl:attribute name="provisional-label-separation">0.25cm</xsl:attribute>
    <xsl:attribute name="start-indent">0.5cm</xsl:attribute>
    <xsl:attribute name="space-before">6pt</xsl:attribute>
    <xsl:attribute name="space-after">6pt</xsl:attribute>
  </xsl:attribute-set>

  <!-- ============================================================ ids and heading words -->

  <!-- The FO id of a node (default: the context): its xml:id, else "folio-" + its name + its
       position among all elements in document order (unique, stable for the same input). -->
  <xsl:template name="fo-id">
    <xsl:param name="node" select="."/>
    <xsl:for-each select="$node[1]">
      <xsl:choose>
        <xsl:when test="@xml:id"><xsl:value-of select="@xml:id"/></xsl:when>
        <xsl:when test="$fo-unnamed-made and (self::tei:div or self::tei:head
                        or self::tei:note or self::tei:abstract)">
          <xsl:variable name="name" select="local-name()"/>
          <xsl:variable name="key" select="generate-id()"/>
          <xsl:for-each select="$fo-unnamed">
            <xsl:value-of select="concat('folio-', $name, '-', id($key)/@position)"/>
          </xsl:for-each>
        </xsl:when>
        <xsl:otherwise>
          <xsl:value-of select="concat('folio-', local-name(), '-', count(preceding::* | ancestor::*) + 1)"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <!-- id="…" from the context's xml:id, when it has one. -->
  <xsl:template name="fo-id-attribute">
    <xsl:if test="@xml:id">
      <xsl:attribute name="id"><xsl:value-of select="@xml:id"/></xsl:attribute>
    </xsl:if>
  </xsl:template>

  <!-- language from the context's own xml:lang (inherited below by XSL-FO 1.1 §5.1.4). -->
  <xsl:template name="fo-own-language">
    <xsl:if test="@xml:lang">
      <xsl:call-template name="fo-language">
        <xsl:with-param name="lang" select="@xml:lang"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- A div's heads: a label head (type="label": CHAPTER ONE, as the importer writes it), the
       title head (the first head that is neither label nor subtitle), subtitles (type="sub").
       The number as printed: the label head or the title head's label, else the div's n when
       the title's words do not begin with it already (1.1. SCIENTIFIC …). -->
  <xsl:template name="heading-number">
    <xsl:variable name="title" select="tei:head[not(@type='label' or @type='sub' or @type='subtitle')][1]"/>
    <xsl:variable name="label" select="(tei:head[@type='label'] | $title/tei:label)[1]"/>
    <xsl:choose>
      <xsl:when test="not($title/* or $label/*)">
        <!-- heads of text only: their strings, no result-tree fragments -->
        <xsl:choose>
          <xsl:when test="$label"><xsl:value-of select="normalize-space($label)"/></xsl:when>
          <xsl:when test="normalize-space(@n) != '' and not(starts-with(normalize-space($title), normalize-space(@n)))">
            <xsl:value-of select="normalize-space(@n)"/>
          </xsl:when>
        </xsl:choose>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="heading-number-plain">
          <xsl:with-param name="title" select="$title"/>
          <xsl:with-param name="label" select="$label"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- heading-number for heads with markup: their words in mode plain. -->
  <xsl:template name="heading-number-plain">
    <xsl:param name="title"/>
    <xsl:param name="label"/>
    <xsl:variable name="words"><xsl:apply-templates select="$title" mode="plain"/></xsl:variable>
    <xsl:choose>
      <xsl:when test="$label">
        <xsl:variable name="l"><xsl:apply-templates select="$label/node()" mode="plain"/></xsl:variable>
        <xsl:value-of select="normalize-space($l)"/>
      </xsl:when>
      <xsl:when test="normalize-space(@n) != '' and not(starts-with(normalize-space($words), normalize-space(@n)))">
        <xsl:value-of select="normalize-space(@n)"/>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- A div's heading as one line of plain words: "CHAPTER ONE: INTRODUCTION", "1.1. TITLE".
       Heads of text only (the importer's) are read as strings; others go through mode plain
       (result-tree fragments, several times dearer in libxslt). -->
  <xsl:template name="heading-text">
    <xsl:variable name="title" select="tei:head[not(@type='label' or @type='sub' or @type='subtitle')][1]"/>
    <xsl:choose>
      <xsl:when test="not($title/* or tei:head/tei:label or tei:head[@type='label']/*)">
        <xsl:variable name="words" select="normalize-space($title)"/>
        <xsl:variable name="label" select="tei:head[@type='label'][1]"/>
        <xsl:choose>
          <xsl:when test="$label and normalize-space($label) != '' and $words != ''">
            <xsl:value-of select="concat(normalize-space($label), ': ', $words)"/>
          </xsl:when>
          <xsl:when test="$label">
            <xsl:value-of select="normalize-space(concat(normalize-space($label), ' ', $words))"/>
          </xsl:when>
          <xsl:when test="normalize-space(@n) != '' and not(starts-with($words, normalize-space(@n)))">
            <xsl:value-of select="normalize-space(concat(normalize-space(@n), ' ', $words))"/>
          </xsl:when>
          <xsl:otherwise><xsl:value-of select="$words"/></xsl:otherwise>
        </xsl:choose>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="number"><xsl:call-template name="heading-number"/></xsl:variable>
        <xsl:variable name="words"><xsl:apply-templates select="$title" mode="plain"/></xsl:variable>
        <xsl:choose>
          <xsl:when test="$number != '' and (tei:head[@type='label'] or tei:head/tei:label)
                          and normalize-space($words) != ''">
            <xsl:value-of select="concat($number, ': ', normalize-space($words))"/>
          </xsl:when>
          <xsl:otherwise>
            <xsl:value-of select="normalize-space(concat($number, ' ', $words))"/>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The id the contents and bookmarks point at: the div's first head (the top line of its
       heading), else the div. -->
  <xsl:template name="heading-id">
    <xsl:choose>
      <xsl:when test="tei:head[1]/@xml:id"><xsl:value-of select="tei:head[1]/@xml:id"/></xsl:when>
      <xsl:when test="tei:head">
        <xsl:call-template name="fo-id"><xsl:with-param name="node" select="tei:head[1]"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:call-template name="fo-id"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="*" mode="plain"><xsl:apply-templates mode="plain"/></xsl:template>
  <xsl:template match="tei:note | tei:label | tei:pb | tei:fw" mode="plain"/>
  <xsl:template match="tei:lb" mode="plain"><xsl:text> </xsl:text></xsl:template>
  <xsl:template match="tei:gap" mode="plain"><xsl:value-of select="$gap-text"/></xsl:template>

  <!-- ============================================================ divisions and headings -->

  <!-- A div is a block carrying its id; its heads come first as one heading, then the rest. A
       top-level div of body or back sets the running head's chapter marker (XSL-FO 1.1
       §6.13.5: markers first in their block). -->
  <xsl:template match="tei:div">
    <fo:block id="{@xml:id}">
      <xsl:if test="not(@xml:id)">
        <xsl:attribute name="id"><xsl:call-template name="fo-id"/></xsl:attribute>
      </xsl:if>
      <xsl:call-template name="fo-own-language"/>
      <xsl:if test="not(parent::tei:div) and (parent::tei:body or parent::tei:back)">
        <fo:marker marker-class-name="chapter"><xsl:call-template name="heading-text"/></fo:marker>
      </xsl:if>
      <xsl:if test="tei:head">
        <xsl:choose>
          <xsl:when test="not(parent::tei:div)">
            <fo:block xsl:use-attribute-sets="fo-chapter-head">
              <xsl:call-template name="heading-lines"/>
            </fo:block>
          </xsl:when>
          <xsl:when test="count(ancestor::tei:div) = 1">
            <fo:block xsl:use-attribute-sets="fo-section-head">
              <xsl:call-template name="heading-lines"/>
            </fo:block>
          </xsl:when>
          <xsl:when test="count(ancestor::tei:div) = 2">
            <fo:block xsl:use-attribute-sets="fo-subsection-head">
              <xsl:call-template name="heading-lines"/>
            </fo:block>
          </xsl:when>
          <xsl:otherwise>
            <fo:block xsl:use-attribute-sets="fo-minor-head">
              <xsl:call-template name="heading-lines"/>
            </fo:block>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:if>
      <xsl:apply-templates select="node()[not(self::tei:head)]"/>
    </fo:block>
  </xsl:template>

  <!-- The lines of a div's heading, each head a block with its own id: the label (a label
       head, the title head's label, or the div's n on a line of its own for chapters), the
       title (prefixed with n below chapters when its words lack it), subtitles in normal
       weight; kept with what follows (XSL-FO 1.1 §7.20.4). Printed on both sides, chapter and
       section headings first set the marker of the right-hand running head. -->
  <xsl:template name="heading-lines">
    <xsl:variable name="title" select="tei:head[not(@type='label' or @type='sub' or @type='subtitle')][1]"/>
    <xsl:choose>
      <xsl:when test="not($double-sided)
                      and not(tei:head[not(@xml:id) or @xml:lang or @type='sub' or @type='subtitle' or tei:label])
                      and (tei:head[@type='label'] or not($title/*) and (normalize-space(@n) = ''
                           or starts-with(normalize-space($title), normalize-space(@n))))">
        <!-- the usual heading (the importer's): heads of text with ids, no number to add, no
             marker; each head a block as below, without the tests -->
        <xsl:for-each select="tei:head">
          <fo:block keep-with-next="always" id="{@xml:id}"><xsl:apply-templates/></fo:block>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="chapter" select="not(parent::tei:div)"/>
        <xsl:if test="$double-sided and (parent::tei:body or parent::tei:back
                      or parent::tei:div[parent::tei:body or parent::tei:back])">
          <!-- in the heading, not the div: a div's block continues onto later pages, and
               first-including-carryover would then prefer the chapter's marker (§6.13.6) -->
          <fo:marker marker-class-name="section"><xsl:call-template name="heading-text"/></fo:marker>
        </xsl:if>
        <xsl:variable name="number">
          <xsl:if test="not(tei:head[@type='label'] or $title/tei:label)">
            <xsl:call-template name="heading-number"/>
          </xsl:if>
        </xsl:variable>
        <xsl:if test="$chapter and $number != ''">
          <fo:block><xsl:value-of select="$number"/></fo:block>
        </xsl:if>
        <xsl:for-each select="tei:head">
          <fo:block keep-with-next="always" id="{@xml:id}">
            <xsl:if test="not(@xml:id)">
              <xsl:attribute name="id"><xsl:call-template name="fo-id"/></xsl:attribute>
            </xsl:if>
            <xsl:call-template name="fo-own-language"/>
            <xsl:choose>
              <xsl:when test="@type='sub' or @type='subtitle'">
                <xsl:attribute name="font-weight">normal</xsl:attribute>
                <xsl:apply-templates/>
              </xsl:when>
              <xsl:when test="count(. | $title) = 1 and tei:label and $chapter">
                <fo:block><xsl:apply-templates select="tei:label/node()"/></fo:block>
                <fo:block><xsl:apply-templates select="node()[not(self::tei:label)]"/></fo:block>
              </xsl:when>
              <xsl:when test="count(. | $title) = 1 and not($chapter) and $number != ''">
                <xsl:value-of select="concat($number, ' ')"/>
                <xsl:apply-templates/>
              </xsl:when>
              <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
            </xsl:choose>
          </fo:block>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Heads of lists, figures and other blocks. -->
  <xsl:template match="tei:head">
    <fo:block xsl:use-attribute-sets="fo-minor-head">
      <xsl:call-template name="fo-id-attribute"/>
      <xsl:call-template name="fo-own-language"/>
      <xsl:apply-templates/>
    </fo:block>
  </xsl:template>

  <!-- ============================================================ paragraphs -->

  <!-- A paragraph, justified and hyphenated in its language; indented when it follows another
       paragraph (the first after a heading, list or quotation starts flush; pb, milestone and
       anchor between two paragraphs do not count). The usual paragraph (an id, no language of
       its own) is one of two literal blocks, every attribute a value: libxslt makes an
       xsl:attribute several times dearer than a literal attribute. The previous sibling is
       looked at first; the walk back over the preceding siblings (quadratic over a chapter's
       paragraphs) only after a pb, milestone or anchor. -->
  <xsl:template match="tei:p">
    <xsl:choose>
      <xsl:when test="not(@xml:id) or @xml:lang">
        <fo:block text-align="justify" text-align-last="start">
          <xsl:call-template name="fo-id-attribute"/>
          <xsl:call-template name="fo-own-language"/>
          <xsl:choose>
            <xsl:when test="preceding-sibling::*[1][self::tei:p]
                            or (preceding-sibling::*[1][self::tei:pb or self::tei:milestone
                                                        or self::tei:anchor]
                                and preceding-sibling::*[not(self::tei:pb or self::tei:milestone
                                                             or self::tei:anchor)][1][self::tei:p])">
              <xsl:attribute name="text-indent"><xsl:value-of select="$paragraph-indent"/></xsl:attribute>
            </xsl:when>
            <xsl:otherwise><xsl:attribute name="text-indent">0pt</xsl:attribute></xsl:otherwise>
          </xsl:choose>
          <xsl:apply-templates/>
        </fo:block>
      </xsl:when>
      <xsl:when test="preceding-sibling::*[1][self::tei:p]
                      or (preceding-sibling::*[1][self::tei:pb or self::tei:milestone or self::tei:anchor]
                          and preceding-sibling::*[not(self::tei:pb or self::tei:milestone
                                                       or self::tei:anchor)][1][self::tei:p])">
        <fo:block text-align="justify" text-align-last="start" id="{@xml:id}"
            text-indent="{$paragraph-indent}"><xsl:apply-templates/></fo:block>
      </xsl:when>
      <xsl:otherwise>
        <fo:block text-align="justify" text-align-last="start" id="{@xml:id}"
            text-indent="0pt"><xsl:apply-templates/></fo:block>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A paragraph of a footnote: never indented. note-mark: the note number that opens the
       first paragraph of a footnote. -->
  <xsl:template match="tei:note/tei:p">
    <xsl:param name="note-mark" select="''"/>
    <fo:block text-align="justify" text-align-last="start">
      <xsl:call-template name="fo-id-attribute"/>
      <xsl:call-template name="fo-own-language"/>
      <xsl:attribute name="text-indent">0pt</xsl:attribute>
      <xsl:if test="$note-mark != ''">
        <fo:inline baseline-shift="super" font-size="70%" font-weight="normal"
            font-style="normal"><xsl:value-of select="$note-mark"/></fo:inline>
        <xsl:text> </xsl:text>
      </xsl:if>
      <xsl:apply-templates/>
    </fo:block>
  </xsl:template>

  <!-- ============================================================ lists -->

  <xsl:template match="tei:list">
    <xsl:apply-templates select="tei:head"/>
    <fo:list-block xsl:use-attribute-sets="fo-list">
      <xsl:if test="tei:label">
        <!-- a glossary: room for the terms -->
        <xsl:attribute name="provisional-distance-between-starts">3cm</xsl:attribute>
      </xsl:if>
      <xsl:call-template name="fo-id-attribute"/>
      <xsl:call-template name="fo-own-language"/>
      <xsl:apply-templates select="tei:item"/>
    </fo:list-block>
  </xsl:template>

  <!-- An item: label from a preceding TEI label, else the bullet its text starts with, else the
       number (ordered lists) or a bullet (XSL-FO 1.1 §6.8). -->
  <xsl:template match="tei:item">
    <xsl:variable name="lead" select="(.//text()[normalize-space()])[1]"/>
    <xsl:variable name="first" select="substring(normalize-space($lead), 1, 1)"/>
    <xsl:variable name="ordered" select="../@type = 'ordered' or contains(../@rend, 'numbered') or contains(../@rend, 'ordered')"/>
    <fo:list-item space-before="3pt">
      <xsl:call-template name="fo-id-attribute"/>
      <xsl:call-template name="fo-own-language"/>
      <fo:list-item-label end-indent="label-end()">
        <fo:block text-indent="0pt" text-align="start">
          <xsl:for-each select="preceding-sibling::*[1][self::tei:label]">
            <xsl:call-template name="fo-id-attribute"/>
          </xsl:for-each>
          <xsl:choose>
            <xsl:when test="preceding-sibling::*[1][self::tei:label]">
              <xsl:apply-templates select="preceding-sibling::*[1]/node()"/>
            </xsl:when>
            <xsl:when test="$first != '' and contains($bullet-chars, $first)">
              <xsl:value-of select="$first"/>
            </xsl:when>
            <xsl:when test="$ordered and @n"><xsl:value-of select="@n"/></xsl:when>
            <xsl:when test="$ordered"><xsl:number count="tei:item" format="1."/></xsl:when>
            <xsl:otherwise>•</xsl:otherwise>
          </xsl:choose>
        </fo:block>
      </fo:list-item-label>
      <fo:list-item-body start-indent="body-start()">
        <fo:block text-indent="0pt" text-align="justify" text-align-last="start">
          <xsl:apply-templates/>
        </fo:block>
      </fo:list-item-body>
    </fo:list-item>
  </xsl:template>

  <!-- The bullet that opens an item's text is its label: dropped from the body. The pattern
       has no predicate: libxslt tests every text node of the TEI against the text() patterns,
       and a predicate such as [normalize-space()] would copy and scan each one; the cheap test
       (does it start with a bullet?) comes first here, the walk over the item only then. -->
  <xsl:template match="tei:item//text()">
    <xsl:variable name="first" select="substring(normalize-space(.), 1, 1)"/>
    <xsl:choose>
      <xsl:when test="$first != '' and contains($bullet-chars, $first)">
        <xsl:variable name="item" select="ancestor::tei:item[1]"/>
        <xsl:choose>
          <xsl:when test="count(. | ($item//text()[normalize-space()])[1]) = 1
                          and not($item/preceding-sibling::*[1][self::tei:label])">
            <xsl:variable name="rest" select="substring-after(., $first)"/>
            <xsl:variable name="rest-first" select="substring(normalize-space($rest), 1, 1)"/>
            <xsl:if test="$rest-first != ''">
              <xsl:value-of select="concat($rest-first, substring-after($rest, $rest-first))"/>
            </xsl:if>
          </xsl:when>
          <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
        </xsl:choose>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:list/tei:label"/>

  <!-- ============================================================ quotations, verse, bibliography -->

  <!-- A quote standing between paragraphs is a block quotation; inside a paragraph it is
       inline. -->
  <xsl:template match="tei:quote">
    <xsl:choose>
      <xsl:when test="parent::tei:div or parent::tei:body or parent::tei:front or parent::tei:back
                      or parent::tei:note or parent::tei:item or parent::tei:abstract or parent::tei:cit">
        <fo:block xsl:use-attribute-sets="fo-quote">
          <xsl:call-template name="fo-id-attribute"/>
          <xsl:call-template name="fo-own-language"/>
          <xsl:apply-templates/>
        </fo:block>
      </xsl:when>
      <xsl:otherwise><xsl:call-template name="inline"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:lg">
    <fo:block xsl:use-attribute-sets="fo-quote" text-align="start">
      <xsl:call-template name="fo-id-attribute"/>
      <xsl:call-template name="fo-own-language"/>
      <xsl:apply-templates/>
    </fo:block>
  </xsl:template>

  <xsl:template match="tei:l">
    <fo:block text-align="start">
      <xsl:call-template name="fo-id-attribute"/>
      <xsl:apply-templates/>
    </fo:block>
  </xsl:template>

  <xsl:template match="tei:listBibl">
    <fo:block space-before="6pt">
      <xsl:call-template name="fo-id-attribute"/>
      <xsl:call-template name="fo-own-language"/>
      <xsl:apply-templates/>
    </fo:block>
  </xsl:template>

  <!-- Bibliography entries hang: first line flush, the rest indented. -->
  <xsl:template match="tei:listBibl/tei:bibl | tei:listBibl/tei:biblStruct">
    <fo:block start-indent="1cm" text-indent="-1cm" text-align="justify" space-after="6pt">
      <xsl:call-template name="fo-id-attribute"/>
      <xsl:call-template name="fo-own-language"/>
      <xsl:apply-templates/>
    </fo:block>
  </xsl:template>

  <!-- ============================================================ footnotes -->

  <!-- A note is a footnote: a raised number linked to the note text, which starts with the
       same number and carries the note's id (XSL-FO 1.1 §6.10.3). A note inside a note (FO
       forbids footnotes there) stays in the text in parentheses. -->
  <xsl:template match="tei:note">
    <xsl:choose>
      <xsl:when test="@xml:id and not(@xml:lang or tei:p) and normalize-space(@n) != ''">
        <!-- the usual note (named, numbered, its text inline, no language of its own) written
             here as fo-note writes it, without the call, its parameters and its tests -->
        <xsl:variable name="number" select="normalize-space(@n)"/>
        <fo:footnote>
          <fo:inline baseline-shift="super" font-size="70%" font-weight="normal" font-style="normal">
            <fo:basic-link internal-destination="{@xml:id}"><xsl:value-of select="$number"/></fo:basic-link>
          </fo:inline>
          <fo:footnote-body font-size="{$note-font-size}" line-height="{$note-line-spacing}"
              font-weight="normal" font-style="normal" start-indent="0pt" end-indent="0pt"
              text-indent="0pt" text-align="justify" text-align-last="start"
              hyphenate="{$hyphenate}">
            <fo:block id="{@xml:id}">
              <fo:inline baseline-shift="super" font-size="70%" font-weight="normal"
                  font-style="normal"><xsl:value-of select="$number"/></fo:inline>
              <xsl:text> </xsl:text>
              <xsl:apply-templates/>
            </fo:block>
          </fo:footnote-body>
        </fo:footnote>
      </xsl:when>
      <xsl:when test="@xml:id and normalize-space(@n) != ''">
        <!-- named and numbered: both as strings, no tree fragments -->
        <xsl:call-template name="fo-note">
          <xsl:with-param name="id" select="string(@xml:id)"/>
          <xsl:with-param name="number" select="normalize-space(@n)"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="fo-note">
          <xsl:with-param name="id"><xsl:call-template name="fo-id"/></xsl:with-param>
          <xsl:with-param name="number">
            <xsl:choose>
              <xsl:when test="normalize-space(@n) != ''"><xsl:value-of select="normalize-space(@n)"/></xsl:when>
              <xsl:when test="$fo-note-ranks-made">
                <xsl:variable name="key" select="generate-id()"/>
                <xsl:for-each select="$fo-note-ranks">
                  <xsl:value-of select="id($key)/@rank"/>
                </xsl:for-each>
              </xsl:when>
              <xsl:otherwise><xsl:number level="any" count="tei:note[not(ancestor::tei:note)]"/></xsl:otherwise>
            </xsl:choose>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A note inside a note (FO forbids footnotes there): in the text, in parentheses. Its own
       pattern, so the note template need not walk each note's ancestors. -->
  <xsl:template match="tei:note//tei:note">
    <fo:inline>
      <xsl:attribute name="id"><xsl:call-template name="fo-id"/></xsl:attribute>
      <xsl:call-template name="fo-own-language"/>
      <xsl:text> (</xsl:text><xsl:apply-templates/><xsl:text>)</xsl:text>
    </fo:inline>
  </xsl:template>

  <!-- The footnote of the note (context) with its FO id and its number. -->
  <xsl:template name="fo-note">
    <xsl:param name="id"/>
    <xsl:param name="number"/>
    <!-- the raised number (baseline-shift, XSL-FO 1.1 §7.14.3) and the note text, which
         resets whatever the reference's block set (indents, heading styles): literal
         attributes, several times cheaper in libxslt than attribute sets -->
    <fo:footnote>
      <fo:inline baseline-shift="super" font-size="70%" font-weight="normal" font-style="normal">
        <fo:basic-link internal-destination="{$id}"><xsl:value-of select="$number"/></fo:basic-link>
      </fo:inline>
      <fo:footnote-body font-size="{$note-font-size}" line-height="{$note-line-spacing}"
          font-weight="normal" font-style="normal" start-indent="0pt" end-indent="0pt"
          text-indent="0pt" text-align="justify" text-align-last="start"
          hyphenate="{$hyphenate}">
        <fo:block id="{$id}">
          <xsl:if test="@xml:lang">
            <xsl:call-template name="fo-language"><xsl:with-param name="lang" select="@xml:lang"/></xsl:call-template>
          </xsl:if>
          <xsl:choose>
            <xsl:when test="tei:p">
              <xsl:apply-templates select="tei:p[1]/preceding-sibling::node()"/>
              <xsl:apply-templates select="tei:p[1]">
                <xsl:with-param name="note-mark" select="$number"/>
              </xsl:apply-templates>
              <xsl:apply-templates select="tei:p[1]/following-sibling::node()"/>
            </xsl:when>
            <xsl:otherwise>
              <fo:inline baseline-shift="super" font-size="70%" font-weight="normal"
                  font-style="normal"><xsl:value-of select="$number"/></fo:inline>
              <xsl:text> </xsl:text>
              <xsl:apply-templates/>
            </xsl:otherwise>
          </xsl:choose>
        </fo:block>
      </fo:footnote-body>
    </fo:footnote>
  </xsl:template>

  <!-- Text lost from the source: said so, in the reader's words (DESIGN.md: nothing invented). -->
  <xsl:template match="tei:gap">
    <fo:inline>
      <xsl:call-template name="fo-id-attribute"/>
      <xsl:value-of select="$gap-text"/>
    </fo:inline>
  </xsl:template>

  <!-- ============================================================ inlines -->

  <!-- hi by its rend tokens; emph is italic unless rend says otherwise. -->
  <xsl:template match="tei:hi | tei:emph">
    <xsl:variable name="rend" select="concat(' ', normalize-space(@rend), ' ')"/>
    <fo:inline>
      <xsl:call-template name="fo-id-attribute"/>
      <xsl:call-template name="fo-own-language"/>
      <xsl:if test="contains($rend, ' italic ') or contains($rend, ' i ')
                    or (self::tei:emph and normalize-space(@rend) = '')">
        <xsl:attribute name="font-style">italic</xsl:attribute>
      </xsl:if>
      <xsl:if test="contains($rend, ' bold ') or contains($rend, ' b ')">
        <xsl:attribute name="font-weight">bold</xsl:attribute>
      </xsl:if>
      <xsl:if test="contains($rend, ' underline ')">
        <xsl:attribute name="text-decoration">underline</xsl:attribute>
      </xsl:if>
      <xsl:if test="contains($rend, ' smallcaps ') or contains($rend, ' small-caps ')">
        <xsl:attribute name="font-variant">small-caps</xsl:attribute>
      </xsl:if>
      <xsl:if test="contains($rend, ' sup ') or contains($rend, ' superscript ')">
        <xsl:attribute name="baseline-shift">super</xsl:attribute>
        <xsl:attribute name="font-size">70%</xsl:attribute>
      </xsl:if>
      <xsl:if test="contains($rend, ' sub ') or contains($rend, ' subscript ')">
        <xsl:attribute name="baseline-shift">sub</xsl:attribute>
        <xsl:attribute name="font-size">70%</xsl:attribute>
      </xsl:if>
      <xsl:apply-templates/>
    </fo:inline>
  </xsl:template>

  <!-- ref/ptr: "#id" to an element of this document is an internal link, anything else an
       external one (XSL-FO 1.1 §6.9.8, §7.23.6 uri-specification). Empty: shows the target. -->
  <xsl:template match="tei:ref[@target] | tei:ptr[@target]">
    <xsl:variable name="target" select="substring-before(concat(normalize-space(@target), ' '), ' ')"/>
    <xsl:variable name="local" select="substring-after($target, '#')"/>
    <xsl:choose>
      <xsl:when test="starts-with($target, '#') and not(id($local))">
        <xsl:call-template name="inline"/>
      </xsl:when>
      <xsl:otherwise>
        <fo:basic-link>
          <xsl:call-template name="fo-id-attribute"/>
          <xsl:call-template name="fo-own-language"/>
          <xsl:choose>
            <xsl:when test="starts-with($target, '#')">
              <xsl:attribute name="internal-destination"><xsl:value-of select="$local"/></xsl:attribute>
            </xsl:when>
            <xsl:when test="contains($target, &quot;'&quot;)">
              <xsl:attribute name="external-destination">url("<xsl:value-of select="$target"/>")</xsl:attribute>
            </xsl:when>
            <xsl:otherwise>
              <xsl:attribute name="external-destination">url('<xsl:value-of select="$target"/>')</xsl:attribute>
            </xsl:otherwise>
          </xsl:choose>
          <xsl:choose>
            <xsl:when test="node()"><xsl:apply-templates/></xsl:when>
            <xsl:otherwise><xsl:value-of select="$target"/></xsl:otherwise>
          </xsl:choose>
        </fo:basic-link>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Print page breaks of the source and the page map: the typesetter makes its own pages. -->
  <xsl:template match="tei:pb | tei:fw"/>

  <xsl:template match="tei:lb">
    <xsl:if test="not(@break = 'no')"><xsl:text> </xsl:text></xsl:if>
  </xsl:template>

  <!-- Any other element: its content, in an inline when it has an id or a language. -->
  <xsl:template match="*" name="inline">
    <xsl:choose>
      <xsl:when test="@xml:id or @xml:lang">
        <fo:inline>
          <xsl:call-template name="fo-id-attribute"/>
          <xsl:call-template name="fo-own-language"/>
          <xsl:apply-templates/>
        </fo:inline>
      </xsl:when>
      <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
