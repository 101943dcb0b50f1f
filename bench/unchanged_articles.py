#!/usr/bin/env python3
"""Share of nearly unchanged articles that parley links, over real version pairs.

For each pair, parley compare OLD NEW --format json is read from JSONDIR
(JSONDIR/<name>.json). An article is a point whose label names it
(Статья, Стаття, Артыкул, Article, Artículo, Art., §) and whose path ends
in its number; its text is its own and its sub-points'. An article that
both versions have, under the same number, with word-level similarity of
at least 0.9 (difflib ratio over words) is nearly unchanged; it counts as
linked when one link of the compare joins the old article point to the
new one. Prints per pair linked/nearly-unchanged and the overall share.

usage:
  tail -n +2 ../shared/data/texts/versions/pairs.tsv | while IFS=$(printf "\\t") read name lang kind old new rest; do
    parley compare ../shared/data/texts/versions/$old ../shared/data/texts/versions/$new --format json > out/$name.json; done
  python3 bench/unchanged_articles.py out
"""
import difflib, json, os, re, sys

LAB = re.compile(r'(?:Статья|Стаття|Артыкул|Article|ARTICLE|Artículo|ARTÍCULO|Art\.?|§)\s*(premier|PREMIER|1er|\d+(?:[.-]\d+)?[a-zа-я]?)', re.I)
def norm(n):
    n=n.lower(); return '1' if n in ('premier','1er') else n
def articles(points):
    # article number -> (path tuple, full text incl. descendants)
    out = {}
    for i,p in enumerate(points):
        m = LAB.search(p['label'] or '')
        if not m: continue
        num = norm(m.group(1))
        path = tuple(p['path'])
        if not path or path[-1].lower() != num: continue
        text = [p['text']]
        for q in points[i+1:]:
            if tuple(q['path'][:len(path)]) == path and len(q['path'])>len(path): text.append(q['text'])
            elif len(q['path'])<=len(path) or tuple(q['path'][:len(path)])!=path: break
        if num not in out: out[num] = (path, ' '.join(text))
    return out
tot=link=0
for f in sorted(os.listdir(sys.argv[1])):
    if not f.endswith('.json'): continue
    d=json.load(open(os.path.join(sys.argv[1],f)))
    a, b = articles(d['old']['points']), articles(d['new']['points'])
    linked=set()
    for l in d['links']:
        for o in l['old']:
            for n in l['new']:
                linked.add((tuple(o), tuple(n)))
    t=k=0; miss=[]
    for num,(po,to) in a.items():
        if num not in b: continue
        pn,tn=b[num]
        wa, wb = to.split(), tn.split()
        if not wa or not wb: continue
        r = difflib.SequenceMatcher(None, wa, wb, autojunk=False).ratio()
        if r < 0.9: continue
        t+=1
        if (po,pn) in linked: k+=1
        else: miss.append(num)
    tot+=t; link+=k
    print(f"{f:32s} {k}/{t}" + (f"  missed {miss[:8]}" if miss else ""))
print(f"overall {link}/{tot} = {link/max(tot,1):.3f}")
