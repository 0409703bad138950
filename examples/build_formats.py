#!/usr/bin/env python3
"""Build every example format from examples/text/*.txt.

Each text file holds one article: the first line is the headline, then a
blank line, then the body (paragraphs separated by blank lines).  Together
with the small metadata table below this script writes:

  articles.jsonl, articles.jsonl.gz, articles.jsonl.zst, articles.csv,
  html/<id>.html, articles.warc.gz

The output is deterministic: fixed dates, WARC-Record-IDs derived from the
article id, gzip members written with mtime=0.

Usage:  python3 examples/build_formats.py   (from any directory)
"""

import base64
import csv
import gzip
import hashlib
import html
import io
import json
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
TEXT_DIR = HERE / "text"
HTML_DIR = HERE / "html"
SOURCE = "Dyad Wire"
SITE = "https://example.org"
# Namespace for deterministic record ids (uuid5 of a fixed string).
NS = uuid.uuid5(uuid.NAMESPACE_URL, "https://example.org/dyad/examples")

# id: (published ISO timestamp, url slug, section, figure caption)
META = {
    "ex01": ("2024-04-26T14:05:00Z", "world/asia/blinken-xi-beijing-talks",
             "World",
             "U.S. Secretary of State Antony Blinken arrives for talks in Beijing. File photo."),
    "ex02": ("2023-03-20T16:42:00Z", "africa/kenya-opposition-protests-tear-gas",
             "Africa",
             "Police officers on a street in central Nairobi. File photo."),
    "ex03": ("2019-07-15T11:18:00Z", "africa/nigeria-zamfara-village-attack",
             "Africa",
             "A road leading into Gusau, the capital of Zamfara state. File photo."),
    "ex04": ("2016-01-11T21:30:00Z", "middle-east/syria-madaya-aid-convoy",
             "Middle East",
             "Aid trucks wait at a crossing point outside Damascus. File photo."),
    "ex05": ("2021-06-21T13:07:00Z", "europe/eu-belarus-sanctions-ryanair",
             "Europe",
             "Flags outside a European Union building in Luxembourg. File photo."),
    "ex06": ("2015-02-20T18:55:00Z", "americas/venezuela-caracas-mayor-arrested",
             "Americas",
             "A view of central Caracas. File photo."),
    "ex07": ("2022-10-31T09:12:00Z", "americas/brazil-election-lula-wins-runoff",
             "Americas",
             "Supporters wave flags on Paulista Avenue in Sao Paulo. File photo."),
    "ex08": ("2020-10-10T08:26:00Z", "europe/armenia-azerbaijan-ceasefire-moscow",
             "Europe",
             "The Russian Foreign Ministry building in Moscow. File photo."),
    "ex09": ("2017-09-14T12:40:00Z", "europe/russia-belarus-zapad-exercises",
             "Europe",
             "Armoured vehicles on a training range. File photo."),
    "ex10": ("2023-07-30T19:03:00Z", "africa/ecowas-niger-ultimatum",
             "Africa",
             "The ECOWAS headquarters in Abuja. File photo."),
    "ex11": ("2020-01-03T10:31:00Z", "middle-east/iran-soleimani-strike-reaction",
             "Middle East",
             "A street in central Tehran. File photo."),
    "ex12": ("2018-03-14T15:20:00Z", "uk/britain-expels-russian-diplomats",
             "UK",
             "The Houses of Parliament in London. File photo."),
}

RELATED = [
    ("U.N. envoy calls for renewed talks as fighting flares", "world/un-envoy-renewed-talks"),
    ("Ministers meet to discuss regional security", "world/ministers-regional-security"),
    ("Explainer: how sanctions are agreed and enforced", "explainers/how-sanctions-work"),
    ("Analysis: what the latest vote means for the region", "analysis/latest-vote-region"),
]


def load_articles():
    arts = []
    for path in sorted(TEXT_DIR.glob("ex*.txt")):
        aid = path.stem
        raw = path.read_text(encoding="utf-8")
        lines = raw.split("\n")
        title = lines[0].strip()
        if len(lines) < 3 or lines[1].strip() != "":
            sys.exit(f"{path}: expected headline, blank line, body")
        body_lines = lines[2:]
        # Normalise: paragraphs separated by exactly one blank line.
        paras, cur = [], []
        for ln in body_lines:
            if ln.strip() == "":
                if cur:
                    paras.append(" ".join(cur))
                    cur = []
            else:
                cur.append(ln.strip())
        if cur:
            paras.append(" ".join(cur))
        if aid not in META:
            sys.exit(f"no metadata for {aid}")
        ts, slug, section, figcap = META[aid]
        arts.append({
            "id": aid,
            "title": title,
            "paras": paras,
            "text": "\n\n".join(paras),
            "date": ts[:10],
            "timestamp": ts,
            "url": f"{SITE}/news/{slug}",
            "section": section,
            "figcaption": figcap,
        })
    if [a["id"] for a in arts] != sorted(META):
        sys.exit("text files and metadata table do not match")
    return arts


def description(text, limit=155):
    paras = text.split("\n\n")
    # Skip short furniture such as a byline at the top.
    first = next((p for p in paras if len(p.split()) >= 12), paras[0])
    if len(first) <= limit:
        return first
    cut = first[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:-") + "..."


def para_class(p):
    if p.startswith("By ") and len(p.split()) <= 5:
        return ' class="byline"'
    if p.startswith("Reporting by"):
        return ' class="credit"'
    if "Dyad Wire/" in p:
        return ' class="inline-caption"'
    return ""


def render_html(a):
    e = lambda s: html.escape(s, quote=True)
    paras = "\n".join(f"      <p{para_class(p)}>{e(p)}</p>" for p in a["paras"])
    related = "\n".join(
        f'        <li><a href="{SITE}/news/{slug}">{e(t)}</a></li>' for t, slug in RELATED)
    nav = "\n".join(
        f'      <li><a href="{SITE}/{s.lower().replace(" ", "-")}">{e(s)}</a></li>'
        for s in ["World", "Africa", "Americas", "Asia", "Europe", "Middle East", "UK",
                  "Business", "Opinion"])
    share = "\n".join(
        f'        <li><a class="share share-{n.lower()}" href="{SITE}/share?to={n.lower()}&amp;u={e(a["url"])}">Share on {n}</a></li>'
        for n in ["Facebook", "X", "LinkedIn", "Email"])
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{e(a["title"])} | {SOURCE}</title>
  <meta name="description" content="{e(description(a["text"]))}">
  <meta property="og:type" content="article">
  <meta property="og:title" content="{e(a["title"])}">
  <meta property="og:url" content="{e(a["url"])}">
  <meta property="og:site_name" content="{SOURCE}">
  <meta property="article:published_time" content="{a["timestamp"]}">
  <meta property="article:section" content="{e(a["section"])}">
  <link rel="canonical" href="{e(a["url"])}">
  <link rel="stylesheet" href="{SITE}/static/site.css">
  <script src="{SITE}/static/analytics.js" async></script>
</head>
<body>
  <div id="cookie-banner" class="cookie-banner" role="dialog">
    <p>We use cookies to improve your experience and to show you relevant advertising. By continuing to browse you agree to our use of cookies.</p>
    <button type="button" class="accept">Accept all</button>
    <button type="button" class="settings">Manage settings</button>
  </div>
  <header class="site-header">
    <a class="logo" href="{SITE}/">{SOURCE}</a>
    <form class="search" action="{SITE}/search"><input type="search" name="q" placeholder="Search"></form>
    <a class="subscribe" href="{SITE}/subscribe">Subscribe</a>
  </header>
  <nav class="main-nav">
    <ul>
{nav}
    </ul>
  </nav>
  <main>
    <div class="breadcrumb"><a href="{SITE}/">Home</a> &rsaquo; <a href="{SITE}/{a["section"].lower().replace(" ", "-")}">{e(a["section"])}</a></div>
    <article>
      <h1>{e(a["title"])}</h1>
      <div class="meta"><time datetime="{a["timestamp"]}">{a["date"]}</time></div>
      <figure>
        <img src="{SITE}/images/{a["id"]}.jpg" alt="" width="960" height="540">
        <figcaption>{e(a["figcaption"])}</figcaption>
      </figure>
{paras}
    </article>
    <aside class="share-bar">
      <ul>
{share}
      </ul>
    </aside>
    <section class="related">
      <h2>Related stories</h2>
      <ul>
{related}
      </ul>
    </section>
    <div class="newsletter">Sign up for our daily briefing. <a href="{SITE}/newsletters">Subscribe now</a></div>
  </main>
  <footer class="site-footer">
    <ul>
      <li><a href="{SITE}/about">About us</a></li>
      <li><a href="{SITE}/contact">Contact</a></li>
      <li><a href="{SITE}/privacy">Privacy policy</a></li>
      <li><a href="{SITE}/terms">Terms of use</a></li>
    </ul>
    <p>&copy; {SOURCE}. All rights reserved. This is a fictional site used for test data.</p>
  </footer>
</body>
</html>
"""


def sha1_b32(data):
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode("ascii")


def record_id(*parts):
    return f"<urn:uuid:{uuid.uuid5(NS, '/'.join(parts))}>"


def warc_record(headers, block):
    head = "WARC/1.0\r\n"
    for k, v in headers:
        head += f"{k}: {v}\r\n"
    head += f"Content-Length: {len(block)}\r\n\r\n"
    rec = head.encode("utf-8") + block + b"\r\n\r\n"
    return gzip.compress(rec, compresslevel=9, mtime=0)


def http_date(ts):
    import datetime
    d = datetime.datetime.strptime(ts, "%Y-%m-%dT%H:%M:%SZ")
    return d.strftime("%a, %d %b %Y %H:%M:%S GMT")


def crawl_ts(ts):
    # Crawl an hour after publication (fixed; keeps output deterministic).
    import datetime
    d = datetime.datetime.strptime(ts, "%Y-%m-%dT%H:%M:%SZ") + datetime.timedelta(hours=1)
    return d.strftime("%Y-%m-%dT%H:%M:%SZ")


def build_warc(arts, pages):
    out = bytearray()
    info = (
        "software: dyad examples/build_formats.py\r\n"
        "format: WARC File Format 1.0\r\n"
        "conformsTo: http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.0/\r\n"
        "description: Fictional Dyad Wire example articles for testing\r\n"
        "isPartOf: dyad-examples\r\n"
        "operator: dyad test data\r\n"
    ).encode("utf-8")
    out += warc_record([
        ("WARC-Type", "warcinfo"),
        ("WARC-Date", "2024-05-01T00:00:00Z"),
        ("WARC-Filename", "articles.warc.gz"),
        ("WARC-Record-ID", record_id("warcinfo")),
        ("Content-Type", "application/warc-fields"),
    ], info)
    for a in arts:
        page = pages[a["id"]].encode("utf-8")
        when = crawl_ts(a["timestamp"])
        host = SITE.split("://", 1)[1]
        path = a["url"].split(host, 1)[1]
        req = (
            f"GET {path} HTTP/1.1\r\n"
            f"Host: {host}\r\n"
            "User-Agent: dyad-example-crawler/1.0\r\n"
            "Accept: text/html,application/xhtml+xml\r\n"
            "Accept-Encoding: identity\r\n"
            "Connection: close\r\n\r\n"
        ).encode("utf-8")
        resp_head = (
            "HTTP/1.1 200 OK\r\n"
            f"Date: {http_date(when)}\r\n"
            "Server: nginx\r\n"
            "Content-Type: text/html; charset=utf-8\r\n"
            f"Content-Length: {len(page)}\r\n"
            f"Last-Modified: {http_date(a['timestamp'])}\r\n"
            "Cache-Control: max-age=300\r\n"
            "Connection: close\r\n\r\n"
        ).encode("utf-8")
        resp = resp_head + page
        rid_req = record_id(a["id"], "request")
        rid_resp = record_id(a["id"], "response")
        out += warc_record([
            ("WARC-Type", "request"),
            ("WARC-Target-URI", a["url"]),
            ("WARC-Date", when),
            ("WARC-Record-ID", rid_req),
            ("WARC-Concurrent-To", rid_resp),
            ("WARC-Warcinfo-ID", record_id("warcinfo")),
            ("Content-Type", "application/http; msgtype=request"),
            ("WARC-Block-Digest", sha1_b32(req)),
        ], req)
        out += warc_record([
            ("WARC-Type", "response"),
            ("WARC-Target-URI", a["url"]),
            ("WARC-Date", when),
            ("WARC-Record-ID", rid_resp),
            ("WARC-Warcinfo-ID", record_id("warcinfo")),
            ("WARC-IP-Address", "192.0.2.10"),
            ("Content-Type", "application/http; msgtype=response"),
            ("WARC-Block-Digest", sha1_b32(resp)),
            ("WARC-Payload-Digest", sha1_b32(page)),
            ("WARC-Identified-Payload-Type", "text/html"),
        ], resp)
    return bytes(out)


def write_zst(data, path):
    try:
        import zstandard
        path.write_bytes(zstandard.ZstdCompressor(level=19).compress(data))
        return True
    except ImportError:
        pass
    if shutil.which("zstd"):
        res = subprocess.run(["zstd", "-q", "-19", "-c"], input=data, capture_output=True)
        if res.returncode == 0:
            path.write_bytes(res.stdout)
            return True
    print("warning: neither the zstandard module nor the zstd command is available;"
          " skipping articles.jsonl.zst", file=sys.stderr)
    return False


def main():
    arts = load_articles()

    # JSONL
    jsonl = "".join(
        json.dumps({"id": a["id"], "title": a["title"], "text": a["text"],
                    "date": a["date"], "url": a["url"], "source": SOURCE},
                   ensure_ascii=False) + "\n"
        for a in arts).encode("utf-8")
    (HERE / "articles.jsonl").write_bytes(jsonl)
    (HERE / "articles.jsonl.gz").write_bytes(gzip.compress(jsonl, compresslevel=9, mtime=0))
    write_zst(jsonl, HERE / "articles.jsonl.zst")

    # CSV (RFC 4180: CRLF records, quoted fields where needed)
    buf = io.StringIO(newline="")
    w = csv.writer(buf, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    w.writerow(["id", "title", "date", "url", "source", "text"])
    for a in arts:
        w.writerow([a["id"], a["title"], a["date"], a["url"], SOURCE, a["text"]])
    (HERE / "articles.csv").write_bytes(buf.getvalue().encode("utf-8"))

    # HTML
    HTML_DIR.mkdir(exist_ok=True)
    pages = {}
    for a in arts:
        pages[a["id"]] = render_html(a)
        (HTML_DIR / f"{a['id']}.html").write_bytes(pages[a["id"]].encode("utf-8"))

    # WARC
    (HERE / "articles.warc.gz").write_bytes(build_warc(arts, pages))
    print(f"wrote {len(arts)} articles in all formats to {HERE}")


if __name__ == "__main__":
    main()
