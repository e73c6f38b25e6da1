"""Realistic pages from common CMS shapes (used by test_cms_shapes.py)."""

from __future__ import annotations

JSON_LD_PAGE = """<!doctype html><html lang="de-DE"><head><meta charset="utf-8">
<title>Stadtrat beschließt Radwege – Beispiel-Zeitung</title>
<meta property="og:title" content="Radwege: Stadtrat sagt Ja (Social-Überschrift)">
<meta property="og:description" content="Nach monatelangem Streit fällt die Entscheidung.">
<meta property="og:url" content="/lokal/radwege-2024">
<script type="application/ld+json">
{"@context":"https://schema.org","@graph":[
 {"@type":"Organization","name":"Beispiel-Zeitung"},
 {"@type":"NewsArticle","headline":"Stadtrat beschließt neue Radwege",
  "description":"Nach monatelangem Streit fällt die Entscheidung – mit knapper Mehrheit.",
  "datePublished":"2024-06-03T08:15:00+02:00","dateModified":"2024-06-03T11:40:00+02:00",
  "author":[{"@type":"Person","name":"Anna Müller"},{"@type":"Person","name":"Jörg Weiß"}]}]}
</script></head><body>
<div class="site-header"><a href="/">Beispiel-Zeitung</a><span class="weather">18 °C, sonnig</span></div>
<div class="content">
<h1 class="headline">Stadtrat beschließt neue Radwege</h1>
<div class="meta"><span class="date">Veröffentlicht: 03.06.2024, 08:15 Uhr</span></div>
<div class="text">
<p>Der Stadtrat hat am Montagabend mit knapper Mehrheit beschlossen, bis 2026 insgesamt zwölf Kilometer neue Radwege zu bauen. „Das ist ein guter Tag für alle, die sicher ankommen wollen“, sagte die Bürgermeisterin.</p>
<p>Die Opposition kritisierte die Kosten von rund 4,5 Millionen Euro. Man habe „keine belastbare Planung“ gesehen, hieß es aus der Fraktion.</p>
<p>Baubeginn für den ersten Abschnitt an der Hauptstraße soll im Herbst sein; Anwohnerinnen und Anwohner werden vorher informiert.</p>
</div></div>
<div class="teaser-list"><h3>Mehr aus der Region</h3><ul><li><a href="/a">Feuerwehrfest am Wochenende</a></li><li><a href="/b">Neue Kita eröffnet</a></li></ul></div>
</body></html>"""

DIV_SOUP_PAGE = """<html lang="fr"><head><meta charset="utf-8"><title>Grève des contrôleurs aériens</title>
<meta name="description" content="Des centaines de vols annulés à Paris et à Lyon.">
<meta name="author" content="Élise Durand">
<meta property="article:published_time" content="2024-03-02T06:00:00+01:00">
<meta property="article:modified_time" content="2024-03-02T09:30:00+01:00">
</head><body>
<div id="top"><div class="menu"><a href="/">Accueil</a> | <a href="/eco">Économie</a></div></div>
<div class="wrapper"><div class="col-main">
<div class="titre"><h1>Grève des contrôleurs aériens : la pagaille dans les aéroports</h1></div>
<div class="article-body">
<p>Des centaines de vols annulés à Paris et à Lyon.</p>
<p>Par Élise Durand</p>
<p>Publié le 2 mars 2024 à 06h00</p>
<p>La grève des contrôleurs aériens a provoqué samedi l’annulation de centaines de vols au départ de Paris-Charles-de-Gaulle, d’Orly et de Lyon-Saint-Exupéry, selon la Direction générale de l’aviation civile.</p>
<div class="pub">Publicité</div>
<p>« Nous n’avons eu aucune information avant d’arriver à l’aéroport », raconte Marie, 34 ans, bloquée avec ses deux enfants devant les écrans d’affichage.</p>
<p>Le syndicat majoritaire réclame des embauches et une revalorisation des salaires ; la direction propose une prime exceptionnelle jugée « insuffisante ».</p>
</div>
<div class="partage">Partager : Facebook · X · E-mail</div>
</div><div class="col-side"><div class="bloc">Les plus lus</div><ol><li>Un titre</li><li>Un autre titre</li></ol></div></div>
</body></html>"""

PAYWALL_PAGE = """<!DOCTYPE html><html lang="en"><head><title>Inside the merger talks | The Ledger</title>
<meta property="og:title" content="Inside the merger talks">
<meta name="description" content="How two rivals came within hours of a deal.">
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Inside the merger talks","isAccessibleForFree":false,"datePublished":"2024-05-01T12:00:00Z"}</script>
</head><body><header><nav><a href="/">The Ledger</a></nav></header>
<main><article><h1>Inside the merger talks</h1>
<p class="dek">How two rivals came within hours of a deal.</p>
<p>It was just after midnight when the call came.</p>
<div class="paywall"><h2>Subscribe to continue reading</h2><p>Get unlimited access for $1 a week.</p>
<a href="/subscribe">Subscribe now</a> <a href="/login">Sign in</a></div>
</article></main></body></html>"""

ERROR_PAGE = """<!DOCTYPE html><html lang="en"><head><title>Page not found | Example News</title></head>
<body><header><nav><a href="/">Home</a><a href="/world">World</a></nav></header>
<main><h1>Page not found</h1><p>Sorry, we couldn’t find that page.</p>
<p><a href="/">Go to the homepage</a></p></main>
<footer>© Example News</footer></body></html>"""

HOMEPAGE = """<!DOCTYPE html><html lang="en"><head><title>Example News - Home</title></head><body>
<header><nav><a href="/">Home</a><a href="/world">World</a></nav></header>
<main><section class="top-stories"><h2>Top stories</h2><ul>
<li><a href="/a">Markets slide as oil jumps</a></li><li><a href="/b">Storm warning for the coast</a></li>
<li><a href="/c">Minister resigns over expenses</a></li><li><a href="/d">Cup final goes to penalties</a></li>
</ul></section><section><h2>Sport</h2><ul><li><a href="/e">Late winner</a></li></ul></section></main>
</body></html>"""

HARBOUR_SENTENCES = (
    "The council voted on Monday to rebuild the harbour wall before the winter storms arrive.",
    "Engineers had warned for years that the old stones would not survive another season.",
    "Residents who live along the front said they were relieved that work would finally begin.",
    "The mayor promised that the cost would be shared with the regional government next year.",
    "Fishing crews, who moor inside the wall, will move to the northern quay while work goes on.",
    "An inquiry last spring found that repairs had been put off three times since the floods.",
    "Contractors expect to close the promenade in sections so that shops can stay open all summer.",
    "Opposition members asked why the tender had been awarded without a public consultation.",
)
"""Long sentences of one story, for pages built in the chrome-drop tests."""
