<?xml version="1.0" encoding="utf-8"?>
<!-- A feed opened in a browser: a readable page that says how to subscribe. Feed readers ignore this file.
     Every value is output as text (xsl:value-of), so nothing a crawled page carried becomes markup. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:atom="http://www.w3.org/2005/Atom">
  <xsl:output method="html" encoding="utf-8"/>
  <xsl:template match="/atom:feed">
    <html>
      <head>
        <meta charset="utf-8"/>
        <title><xsl:value-of select="atom:title"/></title>
        <link rel="stylesheet" href="/-/static/app.css"/>
        <style>body { max-width: 48em; margin: 1em auto; padding: 0 1em; font-family: sans-serif; line-height: 1.5 }
          .subscribe { background: #f5f7fa; border-left: 4px solid #4a6fa5; padding: 0.5em 1em }
          .entry { margin: 1.2em 0 } .meta { color: #555; font-size: 0.9em } code { word-break: break-all }</style>
      </head>
      <body>
        <h1><xsl:value-of select="atom:title"/></h1>
        <p class="subscribe"><strong>This is a news feed.</strong> To follow it, copy this address into your feed
          reader (Feedly, Inoreader, Miniflux, Thunderbird, NetNewsWire):<br/>
          <code><xsl:value-of select="atom:link[@rel='self']/@href"/></code></p>
        <p><a href="/-/feeds">All feeds</a>
          <xsl:if test="atom:link[@rel='alternate']"> · <a href="{atom:link[@rel='alternate']/@href}">the same list
            in the tracker</a></xsl:if></p>
        <xsl:if test="not(atom:entry)"><p>No entries yet.</p></xsl:if>
        <xsl:for-each select="atom:entry">
          <div class="entry">
            <h2><a href="{atom:link/@href}"><xsl:value-of select="atom:title"/></a></h2>
            <div class="meta"><xsl:value-of select="substring(atom:published, 1, 10)"/>
              <xsl:for-each select="atom:author"> · <xsl:value-of select="atom:name"/></xsl:for-each></div>
            <p><xsl:value-of select="atom:summary"/></p>
          </div>
        </xsl:for-each>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
