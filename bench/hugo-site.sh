#!/usr/bin/env bash
# Writes a minimal Hugo project that renders a knowledge base's Markdown as pages:
# one layout for a document (a case, annotation, risk point, guide or the
# regulation) and one for a section's list. Its content directory is the knowledge
# base's own content/ (contentDir), so Hugo reads the same files regkb reads.
#   bench/hugo-site.sh KB_DIR PROJECT_DIR
# Front matter notes (TOML `+++`, which Hugo reads as is):
# - the synthetic cases are dated up to the end of the next year: buildFuture, or
#   Hugo leaves every case dated after today out;
# - the regulation's `aliases` (its other names) are Hugo's redirect paths:
#   disableAliases, or Hugo writes a redirect page for each name;
# - `published` is one of Hugo's publishDate keys, which is what it means here.
set -euo pipefail
kb=$(cd "$1" && pwd)
dir=$2
mkdir -p "$dir/layouts"
cat > "$dir/hugo.toml" <<EOF
baseURL = "/"
locale = "zh-CN"
defaultContentLanguage = "zh"
hasCJKLanguage = true
title = "regkb bench"
contentDir = "$kb/content"
buildFuture = true
disableAliases = true
disableKinds = ["taxonomy", "term", "rss", "sitemap", "robotstxt"]
relativeURLs = true
EOF
cat > "$dir/layouts/single.html" <<'EOF'
<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body>
<main>
<h1>{{ .Title }}</h1>
<dl>
{{ with .Date }}<dt>日期</dt><dd>{{ .Format "2006-01-02" }}</dd>{{ end }}
{{ with .Params.field }}<dt>领域</dt><dd>{{ . }}</dd>{{ end }}
{{ with .Params.action }}<dt>执法类别</dt><dd>{{ . }}</dd>{{ end }}
{{ with .Params.outcome }}<dt>认定结果</dt><dd>{{ . }}</dd>{{ end }}
{{ with .Params.clauses }}<dt>适用条款</dt><dd>{{ delimit . "、" }}</dd>{{ end }}
{{ with .Params.clause }}<dt>条款</dt><dd>{{ . }}</dd>{{ end }}
</dl>
{{ .Content }}
</main>
</body>
</html>
EOF
cat > "$dir/layouts/list.html" <<'EOF'
<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body>
<main>
<h1>{{ .Title }}</h1>
<ul>
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}</ul>
</main>
</body>
</html>
EOF
