#!/usr/bin/env python3
"""Writes a synthetic WordPress WXR 1.2 export for the import benchmark (BENCHMARKS.md).

    bench/gen-wxr.py OUT.xml [COMMENTS] [POSTS]

Defaults: 200,000 comments over 2,000 posts. Each post has a 4 KB body (which the importer must
stream past), comments are about 60 words, a third are replies to an earlier comment of the same
post, 2% are pingbacks and 1% trackbacks, 5% spam, 3% pending, 1% in the trash. Deterministic
(fixed seed), so runs are comparable. The file is large: keep it out of git.
"""

import random
import sys
from xml.sax.saxutils import escape

WORDS = (
    "the council vote tram line article explains why budget station route residents "
    "meeting minutes member abstained proposal street traffic cycle lane school park "
    "library funding plan consultation report figures year city centre bus service "
    "morning evening weekend agree disagree point question answer thanks interesting"
).split()


def sentence(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def main():
    out = sys.argv[1]
    total = int(sys.argv[2]) if len(sys.argv) > 2 else 200_000
    posts = int(sys.argv[3]) if len(sys.argv) > 3 else 2_000
    rng = random.Random(7)
    per_post = total // posts
    extra = total - per_post * posts
    cid = 0
    with open(out, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8" ?>\n')
        f.write(
            '<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
            'xmlns:wfw="http://wellformedweb.org/CommentAPI/" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n'
            "\t<title>Benchmark blog</title>\n\t<link>https://bench.example</link>\n"
            "\t<wp:wxr_version>1.2</wp:wxr_version>\n"
        )
        for p in range(1, posts + 1):
            n = per_post + (1 if p <= extra else 0)
            body = "\n\n".join(sentence(rng, 60) for _ in range(10))
            day = 1 + p % 28
            f.write(
                f"\t<item>\n\t\t<title>Post {p}: {escape(sentence(rng, 6))}</title>\n"
                f"\t\t<link>https://bench.example/{2020 + p % 5}/post-{p}/</link>\n"
                f"\t\t<dc:creator><![CDATA[editor]]></dc:creator>\n"
                f"\t\t<content:encoded><![CDATA[{body}]]></content:encoded>\n"
                f"\t\t<wp:post_id>{p}</wp:post_id>\n"
                f"\t\t<wp:post_date_gmt>2020-03-{day:02d} 09:00:00</wp:post_date_gmt>\n"
                f"\t\t<wp:post_type>post</wp:post_type>\n\t\t<wp:status>publish</wp:status>\n"
            )
            ids = []
            for i in range(n):
                cid += 1
                r = rng.random()
                kind = "pingback" if r < 0.02 else ("trackback" if r < 0.03 else "")
                s = rng.random()
                approved = (
                    "spam" if s < 0.05 else "0" if s < 0.08 else "trash" if s < 0.09 else "1"
                )
                parent = rng.choice(ids) if ids and not kind and rng.random() < 0.33 else 0
                ids.append(cid)
                text = "\n\n".join(sentence(rng, 20) for _ in range(3))
                if rng.random() < 0.2:
                    text += ' See <a href="https://example.org/ref">this</a>.'
                f.write(
                    "\t\t<wp:comment>\n"
                    f"\t\t\t<wp:comment_id>{cid}</wp:comment_id>\n"
                    f"\t\t\t<wp:comment_author><![CDATA[Reader {cid % 5000}]]></wp:comment_author>\n"
                    f"\t\t\t<wp:comment_author_email>reader{cid % 5000}@example.org</wp:comment_author_email>\n"
                    f"\t\t\t<wp:comment_author_url>https://reader{cid % 5000}.example/</wp:comment_author_url>\n"
                    f"\t\t\t<wp:comment_author_IP>198.51.{cid % 250}.{cid % 200}</wp:comment_author_IP>\n"
                    f"\t\t\t<wp:comment_date>2020-04-{day:02d} 10:{i % 60:02d}:00</wp:comment_date>\n"
                    f"\t\t\t<wp:comment_date_gmt>2020-04-{day:02d} 08:{i % 60:02d}:00</wp:comment_date_gmt>\n"
                    f"\t\t\t<wp:comment_content><![CDATA[{text}]]></wp:comment_content>\n"
                    f"\t\t\t<wp:comment_approved>{approved}</wp:comment_approved>\n"
                    f"\t\t\t<wp:comment_type>{kind}</wp:comment_type>\n"
                    f"\t\t\t<wp:comment_parent>{parent}</wp:comment_parent>\n"
                    "\t\t\t<wp:comment_user_id>0</wp:comment_user_id>\n"
                    "\t\t</wp:comment>\n"
                )
            f.write("\t</item>\n")
        f.write("</channel>\n</rss>\n")


if __name__ == "__main__":
    main()
