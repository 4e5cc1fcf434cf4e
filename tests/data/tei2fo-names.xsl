<?xml version="1.0" encoding="UTF-8"?>
<!-- tei2fo-names.xsl — lists the local name of every XSL-FO element of an FO document, one per
     line, so tests/e2e_tei2fo.sh can compare them with the FO subset of DESIGN.md. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format">
  <xsl:output method="text"/>
  <xsl:template match="/">
    <xsl:for-each select="//fo:*">
      <xsl:value-of select="local-name()"/><xsl:text>&#10;</xsl:text>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
