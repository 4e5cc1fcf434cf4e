<?xml version="1.0" encoding="UTF-8"?>
<!-- multiply.xsl — makes a benchmark input N times the size of a TEI document: the body's
     divisions repeated N times, every xml:id made unique per copy and the notes numbered on
     through the copies (as one long thesis would be). Used by tests/bench/bench.py only. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:tei="http://www.tei-c.org/ns/1.0">
  <!-- how many copies of the body -->
  <xsl:param name="copies" select="10"/>
  <xsl:variable name="notes" select="count(//tei:body//tei:note)"/>

  <xsl:template match="@*|node()">
    <xsl:copy><xsl:apply-templates select="@*|node()"/></xsl:copy>
  </xsl:template>

  <xsl:template match="tei:body">
    <xsl:copy>
      <xsl:apply-templates select="@*"/>
      <xsl:call-template name="copy-body">
        <xsl:with-param name="k" select="1"/>
      </xsl:call-template>
    </xsl:copy>
  </xsl:template>

  <xsl:template name="copy-body">
    <xsl:param name="k"/>
    <xsl:apply-templates select="node()" mode="copy">
      <xsl:with-param name="k" select="$k"/>
    </xsl:apply-templates>
    <xsl:if test="$k &lt; $copies">
      <xsl:call-template name="copy-body">
        <xsl:with-param name="k" select="$k + 1"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template match="node()" mode="copy">
    <xsl:param name="k"/>
    <xsl:copy>
      <xsl:apply-templates select="@*|node()" mode="copy">
        <xsl:with-param name="k" select="$k"/>
      </xsl:apply-templates>
    </xsl:copy>
  </xsl:template>

  <xsl:template match="@*" mode="copy">
    <xsl:copy/>
  </xsl:template>

  <xsl:template match="@xml:id" mode="copy">
    <xsl:param name="k"/>
    <xsl:attribute name="xml:id">
      <xsl:value-of select="."/>
      <xsl:if test="$k &gt; 1">-<xsl:value-of select="$k"/></xsl:if>
    </xsl:attribute>
  </xsl:template>

  <xsl:template match="@target[starts-with(., '#')]" mode="copy">
    <xsl:param name="k"/>
    <xsl:attribute name="target">
      <xsl:value-of select="."/>
      <xsl:if test="$k &gt; 1">-<xsl:value-of select="$k"/></xsl:if>
    </xsl:attribute>
  </xsl:template>

  <xsl:template match="tei:note/@n" mode="copy">
    <xsl:param name="k"/>
    <xsl:attribute name="n"><xsl:value-of select=". + ($k - 1) * $notes"/></xsl:attribute>
  </xsl:template>
</xsl:stylesheet>
