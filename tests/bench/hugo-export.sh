#!/bin/bash
# hugo-export.sh — writes the certified products of an ocop database as a Hugo site, the
# reference `make bench` builds beside `ocop site build`: one Markdown file per product
# (front matter + its story), taxonomies for province, product group and stars, and the
# minimal layouts in tests/bench/hugo/ giving the same kinds of pages (product pages,
# listings 30 a page, home with the newest certificates, feed, sitemap).
# Usage: hugo-export.sh DB STORIES_DIR OUT_DIR
set -euo pipefail
db=$1 stories=$2 out=$3
here=$(cd "$(dirname "$0")" && pwd)

rm -rf "$out"
mkdir -p "$out/content/san-pham"
cp -r "$here/hugo/." "$out/"

# One line per product: its newest certificate decides stars and status. Tabs and
# newlines cannot occur in these columns (names are validated on the way in).
sqlite3 -separator $'\t' "$db" "
WITH latest AS (
  SELECT c.*, row_number() OVER (PARTITION BY product_id ORDER BY issued DESC, id DESC) AS r
  FROM certificate c)
SELECT p.slug, replace(p.name, '\"', ''''), pr.name, p.group_code, l.stars, l.status,
       l.number, l.issued, l.valid_until, replace(s.name, '\"', '''')
FROM product p JOIN latest l ON l.product_id = p.id AND l.r = 1
JOIN subject s ON s.id = p.subject_id
JOIN area pr ON pr.code = substr(p.area_code, 1, instr(p.area_code || '/', '/') - 1)
ORDER BY p.id" |
awk -F'\t' -v dir="$out/content/san-pham" -v stories="$stories" '
{
    f = dir "/" $1 ".md"
    print "---" > f
    printf "title: \"%s\"\nslug: \"%s\"\ndate: %s\n", $2, $1, $8 > f
    printf "tinh: [\"%s\"]\nnhom: [\"%s\"]\n", $3, $4 > f
    if ($6 == "valid") printf "sao: [\"%s sao\"]\n", $5 > f
    printf "stars: %d\nstatus: \"%s\"\ncertificate: \"%s\"\n", $5, $6, $7 > f
    printf "valid_until: \"%s\"\nproducer: \"%s\"\n---\n", $9, $10 > f
    story = stories "/" $1 ".md"
    while ((getline line < story) > 0) print line > f
    close(story)
    close(f)
}'
