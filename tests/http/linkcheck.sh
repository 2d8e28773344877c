#!/usr/bin/env bash
# tests/http/linkcheck.sh DIR [BASE] [SITE_URL] — the link checker of the public site:
# every internal href and src of every page, every <loc> of the sitemaps and every link of
# the feed must name a file of the built site in DIR (a folder link means its index.html).
# BASE is the URL path the site is served under (default /); links under SITE_URL count
# as internal. Links outside BASE, and absolute links in the sitemap or feed that are not
# under SITE_URL, are errors too. Prints one line per broken link and a summary; exit 1
# when anything is broken.
set -u
dir=$1 base=${2:-/} site=${3:-}
cd "$dir" || { echo "linkcheck: no folder $dir"; exit 2; }
list=$(mktemp)
trap 'rm -f "$list"' EXIT
grep -roE --include='*.html' --include='*.xml' --include='*.atom' \
    '(href|src)="[^"]*"|<loc>[^<]*</loc>' . >"$list"
total=$(wc -l <"$list")
# awk resolves each link to a path in DIR; prints "FILE<TAB>PATH" once per distinct path,
# and "ERROR ..." for links that point outside.
resolved=$(awk -v base="$base" -v site="$site" '
{
    file = $0; sub(/:.*/, "", file); link = substr($0, length(file) + 2)
    if (link ~ /^<loc>/) { gsub(/<\/?loc>/, "", link) } else { sub(/^[a-z]+="/, "", link); sub(/"$/, "", link) }
    gsub(/&amp;/, "\\&", link)
    feed = file ~ /\.(xml|atom)$/
    if (site != "" && index(link, site "/") == 1) link = substr(link, length(site) + 1)
    else if (link ~ /^[a-z]+:/) {
        if (feed && link !~ /^http:\/\/www\.(w3|sitemaps)\.org\//) print "ERROR " file ": absolute link not under the site URL: " link
        next
    }
    sub(/#.*/, "", link); sub(/\?.*/, "", link)
    if (link == "") next
    if (substr(link, 1, 1) == "/") {
        if (index(link, base) != 1) { print "ERROR " file ": link outside " base ": " link; next }
        path = "./" substr(link, length(base) + 1)
    } else {
        d = file; sub(/[^\/]*$/, "", d); path = d link
    }
    if (path ~ /\/$/) path = path "index.html"
    if (!seen[path]++) print file "\t" path
}' "$list")
broken=0
distinct=0
while IFS=$'\t' read -r file path; do
    [ -n "$file" ] || continue
    case "$file" in ERROR*) echo "$file"; broken=$((broken + 1)); continue ;; esac
    distinct=$((distinct + 1))
    if [ ! -f "$path" ]; then
        echo "broken: $file -> $path"
        broken=$((broken + 1))
    fi
done <<<"$resolved"
files=$(find . -name '*.html' | wc -l)
echo "linkcheck: $total links in $files pages, $distinct distinct targets, $broken broken"
[ "$broken" -eq 0 ] && [ "$total" -gt 0 ]
