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

</xsl:stylesheet>
