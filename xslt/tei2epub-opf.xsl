<?xml version="1.0" encoding="UTF-8"?>
<!-- tei2epub-opf.xsl — the package document (EPUB 3.3 §5) of tei2epub.xsl: metadata with both
     titles, a stable identifier, dcterms:modified and the accessibility metadata; the manifest
     and spine list the same files as the package tree. Included by tei2epub.xsl (its own module
     so that OPF elements get the OPF namespace as their default). -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:str="http://exslt.org/strings"
    xmlns="http://www.idpf.org/2007/opf"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    extension-element-prefixes="str"
    exclude-result-prefixes="tei str">

  <!-- ============================================================ OPF (EPUB 3.3 §5) -->

  <xsl:template name="opf">
    <package version="3.0" unique-identifier="uid"
             xml:lang="{$lang}">
      <metadata>
        <xsl:call-template name="opf-metadata"/>
      </metadata>
      <manifest>
        <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
        <item id="css" href="style.css" media-type="text/css"/>
        <item id="title" href="title.xhtml" media-type="application/xhtml+xml"/>
        <xsl:if test="$has-front">
          <item id="front" href="front.xhtml" media-type="application/xhtml+xml"/>
        </xsl:if>
        <xsl:if test="$body-intro">
          <item id="ch00" href="ch00.xhtml" media-type="application/xhtml+xml"/>
        </xsl:if>
        <xsl:for-each select="$body/tei:div | $back/tei:div">
          <xsl:variable name="file"><xsl:apply-templates select="." mode="file-name"/></xsl:variable>
          <item id="{substring-before($file, '.')}" href="{$file}" media-type="application/xhtml+xml"/>
        </xsl:for-each>
        <xsl:for-each select="$graphics">
          <item id="img-{generate-id()}">
            <xsl:attribute name="href"><xsl:apply-templates select="." mode="image-path"/></xsl:attribute>
            <xsl:attribute name="media-type"><xsl:apply-templates select="." mode="media-type"/></xsl:attribute>
          </item>
        </xsl:for-each>
      </manifest>
      <spine>
        <itemref idref="title"/>
        <xsl:if test="$has-front"><itemref idref="front"/></xsl:if>
        <itemref idref="nav"/>
        <xsl:if test="$body-intro"><itemref idref="ch00"/></xsl:if>
        <xsl:for-each select="$body/tei:div | $back/tei:div">
          <xsl:variable name="file"><xsl:apply-templates select="." mode="file-name"/></xsl:variable>
          <itemref idref="{substring-before($file, '.')}"/>
        </xsl:for-each>
      </spine>
    </package>
  </xsl:template>

  <xsl:template name="opf-metadata">
    <dc:identifier id="uid">
      <xsl:call-template name="identifier"/>
    </dc:identifier>
    <xsl:for-each select="$titles | $subtitles">
      <dc:title id="title-{position()}">
        <xsl:if test="@xml:lang and @xml:lang != $lang">
          <xsl:attribute name="xml:lang"><xsl:value-of select="@xml:lang"/></xsl:attribute>
        </xsl:if>
        <xsl:value-of select="normalize-space(.)"/>
      </dc:title>
      <xsl:if test="@type = 'sub' or @type = 'subordinate'">
        <meta refines="#title-{position()}" property="title-type">subtitle</meta>
      </xsl:if>
    </xsl:for-each>
    <xsl:if test="not($titles)">
      <dc:title id="title-1">Untitled</dc:title>
    </xsl:if>
    <meta refines="#title-1" property="title-type">main</meta>
    <dc:language><xsl:value-of select="$lang"/></dc:language>
    <xsl:for-each select="$header/tei:profileDesc/tei:langUsage/tei:language[@ident != $lang]">
      <dc:language><xsl:value-of select="@ident"/></dc:language>
    </xsl:for-each>
    <xsl:for-each select="$title-stmt/tei:author">
      <dc:creator><xsl:value-of select="normalize-space(.)"/></dc:creator>
    </xsl:for-each>
    <!-- A thesis supervisor is a contributor with the MARC relator ths (thesis advisor). -->
    <xsl:for-each select="$title-stmt/tei:respStmt[tei:name or tei:persName]">
      <dc:contributor id="contributor-{position()}"><xsl:value-of select="normalize-space(tei:name | tei:persName)"/></dc:contributor>
      <xsl:if test="contains(translate(tei:resp, 'SUPERVISOR', 'supervisor'), 'supervisor') or contains(tei:resp, 'advisor')">
        <meta refines="#contributor-{position()}" property="role" scheme="marc:relators">ths</meta>
      </xsl:if>
    </xsl:for-each>
    <xsl:for-each select="$header/tei:fileDesc/tei:publicationStmt/*[self::tei:publisher or self::tei:authority][normalize-space()]">
      <dc:publisher><xsl:value-of select="normalize-space(.)"/></dc:publisher>
    </xsl:for-each>
    <!-- dc:date only in W3C date form (YYYY, YYYY-MM, YYYY-MM-DD), as EPUB 3.3 §5.5.3.4 asks. -->
    <xsl:for-each select="$header/tei:fileDesc/tei:publicationStmt/tei:date[1]">
      <xsl:variable name="d">
        <xsl:choose>
          <xsl:when test="@when"><xsl:value-of select="normalize-space(@when)"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="normalize-space(.)"/></xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <xsl:if test="contains('|dddd|dddd-dd|dddd-dd-dd|', concat('|', translate($d, '0123456789', 'dddddddddd'), '|'))">
        <dc:date><xsl:value-of select="$d"/></dc:date>
      </xsl:if>
    </xsl:for-each>
    <xsl:for-each select="$header/tei:profileDesc/tei:textClass/tei:keywords/tei:term">
      <dc:subject><xsl:value-of select="normalize-space(.)"/></dc:subject>
    </xsl:for-each>
    <xsl:for-each select="$header/tei:fileDesc/tei:publicationStmt/tei:availability/tei:licence[1]">
      <dc:rights><xsl:value-of select="normalize-space(concat(@target, ' ', .))"/></dc:rights>
    </xsl:for-each>
    <meta property="dcterms:modified"><xsl:value-of select="$modified"/></meta>
    <xsl:call-template name="a11y-metadata"/>
  </xsl:template>

  <!-- dc:identifier: the parameter, the TEI's idno, or a slug of the main title — stable for
       the same metadata, never random (EPUB 3.3 §5.5.3.1 unique identifier). -->
  <xsl:template name="identifier">
    <xsl:variable name="idno" select="$header/tei:fileDesc/tei:publicationStmt/tei:idno[1]"/>
    <xsl:choose>
      <xsl:when test="$identifier != ''"><xsl:value-of select="$identifier"/></xsl:when>
      <xsl:when test="normalize-space($idno) != ''"><xsl:value-of select="normalize-space($idno)"/></xsl:when>
      <xsl:otherwise>
        <xsl:variable name="lower" select="translate($main-title, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"/>
        <xsl:variable name="dashed" select="translate(normalize-space(translate($lower, '.,;:!?()[]{}&quot;/\&amp;', '                  ')), ' ', '-')"/>
        <xsl:value-of select="concat('urn:x-folio:', str:encode-uri($dashed, true()))"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Accessibility metadata (EPUB Accessibility 1.1 §5; schema.org a11y properties). -->
  <xsl:template name="a11y-metadata">
    <meta property="schema:accessMode">textual</meta>
    <xsl:if test="$graphics">
      <meta property="schema:accessMode">visual</meta>
    </xsl:if>
    <meta property="schema:accessModeSufficient">textual</meta>
    <meta property="schema:accessibilityFeature">structuralNavigation</meta>
    <meta property="schema:accessibilityFeature">tableOfContents</meta>
    <meta property="schema:accessibilityFeature">readingOrder</meta>
    <meta property="schema:accessibilityFeature">displayTransformability</meta>
    <xsl:if test="$graphics">
      <meta property="schema:accessibilityFeature">alternativeText</meta>
    </xsl:if>
    <xsl:if test="$page-breaks">
      <meta property="schema:accessibilityFeature">printPageNumbers</meta>
      <meta property="schema:accessibilityFeature">pageNavigation</meta>
      <dc:source id="print-source">
        <xsl:call-template name="identifier"/>
        <xsl:text>#print</xsl:text>
      </dc:source>
      <meta refines="#print-source" property="source-of">pagination</meta>
      <meta property="schema:pageBreakSource">
        <xsl:value-of select="concat('The A4 print (PDF) edition of ', $main-title)"/>
      </meta>
    </xsl:if>
    <meta property="schema:accessibilityHazard">none</meta>
    <meta property="schema:accessibilitySummary">
      <xsl:choose>
        <xsl:when test="$accessibility-summary != ''"><xsl:value-of select="$accessibility-summary"/></xsl:when>
        <xsl:otherwise><xsl:call-template name="a11y-summary"/></xsl:otherwise>
      </xsl:choose>
    </meta>
  </xsl:template>

  <!-- The default summary: what a reader can rely on in this publication, from what it holds. -->
  <xsl:template name="a11y-summary">
    <xsl:choose>
      <xsl:when test="$graphics">Text with images described by alternative text</xsl:when>
      <xsl:otherwise>Text-only publication</xsl:otherwise>
    </xsl:choose>
    <xsl:text> with a navigable table of contents and structured headings</xsl:text>
    <xsl:if test="/descendant::tei:note">; footnotes linked to and from their references</xsl:if>
    <xsl:if test="$page-breaks">; the page numbers of the print edition</xsl:if>
    <xsl:if test="/descendant::tei:text/descendant-or-self::*/@xml:lang[. != $lang]">; changes of language marked</xsl:if>
    <xsl:text>. No hazards.</xsl:text>
  </xsl:template>

</xsl:stylesheet>
