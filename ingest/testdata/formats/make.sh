#!/bin/sh
# Regenerates the DOCX, PDF and HTML versions of the plain texts in this
# folder, which formats_test.go reads and compares with the plain texts.
# The generated files are committed, so the tests (and CI) need neither
# this script nor LibreOffice; run it after changing a text or gen.go.
#
# Needs Go and LibreOffice (Debian: apt-get install libreoffice-writer-nogui).
set -eu
cd "$(dirname "$0")"
root=../../..

# The plain texts, copied so that the committed documents stay in step
# with them even when the originals change.
cp "$root/demo/data/versions/plan-28.txt" plan-28.txt
cp "$root/segment/testdata/roman-lists.txt" roman-lists.txt
cp "$root/segment/testdata/contract-dotted.txt" contract-dotted.txt
cp "$root/segment/testdata/treaty-roman-articles.txt" treaty-roman-articles.txt

# Points as Word list numbering and HTML <ol> lists, and as typed numbers.
go run gen.go auto plan-28.txt roman-lists.txt
go run gen.go typed contract-dotted.txt treaty-roman-articles.txt

profile=$(mktemp -d)
trap 'rm -rf "$profile" ./*.fodt' EXIT
for format in docx pdf html; do
	soffice -env:UserInstallation="file://$profile" --headless --convert-to "$format" --outdir . ./*.fodt >/dev/null
done
ls -l ./*.docx ./*.pdf ./*.html
