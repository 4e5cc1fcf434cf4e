<?xml version="1.0" encoding="UTF-8"?>
<!-- fo-units.xsl — length arithmetic for tei2fo.xsl (XSLT 1.0): the page geometry is computed
     here, in points, from the user's lengths (pt mm cm in pc px), so the FO carries plain
     lengths that every FO processor reads (XSL-FO 1.1 §5.9.13 length units). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <!-- The length $len (e.g. "3.5cm", "12pt", "8.5in") as a number of points; stops the
       transform on a length it cannot read, naming the parameter. -->
  <xsl:template name="fo-to-pt">
    <xsl:param name="len"/>
    <xsl:param name="what" select="'length'"/>
    <xsl:variable name="s" select="normalize-space($len)"/>
    <xsl:variable name="unit" select="substring($s, string-length($s) - 1)"/>
    <xsl:variable name="num" select="number(substring($s, 1, string-length($s) - 2))"/>
    <xsl:choose>
      <xsl:when test="string($num) = 'NaN'">
        <xsl:message terminate="yes">tei2fo: <xsl:value-of select="$what"/>: cannot read the length '<xsl:value-of select="$len"/>' (want a number and one of pt mm cm in pc px)</xsl:message>
      </xsl:when>
      <xsl:when test="$unit = 'pt'"><xsl:value-of select="$num"/></xsl:when>
      <xsl:when test="$unit = 'cm'"><xsl:value-of select="$num * 72 div 2.54"/></xsl:when>
      <xsl:when test="$unit = 'mm'"><xsl:value-of select="$num * 72 div 25.4"/></xsl:when>
      <xsl:when test="$unit = 'in'"><xsl:value-of select="$num * 72"/></xsl:when>
      <xsl:when test="$unit = 'pc'"><xsl:value-of select="$num * 12"/></xsl:when>
      <xsl:when test="$unit = 'px'"><xsl:value-of select="$num * 0.75"/></xsl:when>
      <xsl:otherwise>
        <xsl:message terminate="yes">tei2fo: <xsl:value-of select="$what"/>: unknown unit in '<xsl:value-of select="$len"/>' (want pt mm cm in pc px)</xsl:message>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A number of points written as an FO length, rounded to 1/1000 pt (deterministic). -->
  <xsl:template name="fo-pt">
    <xsl:param name="pt"/>
    <xsl:value-of select="concat(format-number($pt, '0.###'), 'pt')"/>
  </xsl:template>

  <!-- The advance width of the string $s, in em, set in Liberation Serif (bold when $bold):
       0.5 em a character and, for each class of characters of another advance, the difference
       times their number (advances from the fonts' hmtx tables, 2048 units an em, rounded to
       1/1000 em; the family has Times New Roman's metrics). Characters outside the classes
       count 0.5 em, kerning is left out: enough to hang a contents entry's lines under its
       title (tei2fo.xsl, toc-line), where the string is a heading number. -->
  <xsl:template name="fo-text-width-em">
    <xsl:param name="s"/>
    <xsl:param name="bold" select="false()"/>
    <xsl:variable name="n" select="string-length($s)"/>
    <xsl:choose>
      <xsl:when test="translate($s, '0123456789. ', '') = ''">
        <!-- digits 0.5 em, full stops and spaces 0.25 em in both weights: "1.3. " -->
        <xsl:value-of select="0.25 * ($n + string-length(translate($s, '. ', '')))"/>
      </xsl:when>
      <xsl:when test="$bold">
        <xsl:value-of select="0.5 * $n
            - 0.25 * ($n - string-length(translate($s, ' ,.', '')))
            - 0.222 * ($n - string-length(translate($s, '/ilıî', '')))
            - 0.167 * ($n - string-length(translate($s, '!()-:;fjt', '')))
            - 0.111 * ($n - string-length(translate($s, 'IsİşÎ', '')))
            - 0.056 * ($n - string-length(translate($s, 'cerzç', '')))
            + 0.056 * ($n - string-length(translate($s, 'SbdhknpquüŞû', '')))
            + 0.111 * ($n - string-length(translate($s, 'FP', '')))
            + 0.167 * ($n - string-length(translate($s, 'BELTZ', '')))
            + 0.222 * ($n - string-length(translate($s, 'ACDNRUVXYwÇÜÂÛ', '')))
            + 0.278 * ($n - string-length(translate($s, 'GHKOQÖĞ', '')))
            + 0.333 * ($n - string-length(translate($s, 'm', '')))
            + 0.444 * ($n - string-length(translate($s, 'M', '')))
            + 0.5 * ($n - string-length(translate($s, 'W', '')))"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="0.5 * $n
            - 0.25 * ($n - string-length(translate($s, ' ,.', '')))
            - 0.222 * ($n - string-length(translate($s, '/:;ijltıî', '')))
            - 0.167 * ($n - string-length(translate($s, '!()-IfrİÎ', '')))
            - 0.111 * ($n - string-length(translate($s, 'Jsş', '')))
            - 0.056 * ($n - string-length(translate($s, '?acezçâ', '')))
            + 0.056 * ($n - string-length(translate($s, 'FPSŞ', '')))
            + 0.111 * ($n - string-length(translate($s, 'ELTZ', '')))
            + 0.167 * ($n - string-length(translate($s, 'BCRÇ', '')))
            + 0.222 * ($n - string-length(translate($s, 'ADGHKNOQUVXYwÖÜĞÂÛ', '')))
            + 0.278 * ($n - string-length(translate($s, 'm', '')))
            + 0.389 * ($n - string-length(translate($s, 'M', '')))
            + 0.444 * ($n - string-length(translate($s, 'W', '')))"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
