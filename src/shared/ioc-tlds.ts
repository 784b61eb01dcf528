/**
 * Top-level domains an indicator extractor accepts. A compact list, not the full IANA root: the
 * common generic TLDs, the ones phishing campaigns favour, and every two-letter country code. A
 * word like "report.pdf" or "setup.exe" is not a domain because its last label is not in here.
 */
const GENERIC = `
com net org info biz edu gov mil int arpa name pro mobi asia tel travel jobs aero coop museum cat
app dev io ai xyz top icu cyou sbs bond cfd quest monster rest casa zone lol fit online site club shop
store tech live cloud space website host press news blog page ltd llc inc group company finance bank
money loan loans credit win bid trade date download review racing stream party science men cam fun
ink best buzz wang gdn kim ooo link click email support services solutions agency digital network
world today life media social chat run tools systems software security one global center city
vip work market marketing business consulting capital fund events photo pics pw
zip mov`

const COUNTRY_CODES = `
ac ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bm bn bo br bs bt bw
by bz ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk dm do dz ec ee eg er es et
eu fi fj fk fm fo fr ga gd ge gf gg gh gi gl gm gn gp gq gr gs gt gu gw gy hk hm hn hr ht hu id ie
il im in io iq ir is it je jm jo jp ke kg kh ki km kn kp kr kw ky kz la lb lc li lk lr ls lt lu lv
ly ma mc md me mg mh mk ml mm mn mo mp mq mr ms mt mu mv mw mx my mz na nc ne nf ng ni nl no np nr
nu nz om pa pe pf pg ph pk pl pm pn pr ps pt pw py qa re ro rs ru rw sa sb sc sd se sg sh si sk sl
sm sn so sr ss st su sv sx sy sz tc td tf tg th tj tk tl tm tn to tr tt tv tw tz ua ug uk us uy uz
va vc ve vg vi vn vu wf ws ye yt za zm zw`

const words = (list: string): string[] => list.split(/\s+/).filter(Boolean)

export const KNOWN_TLDS: ReadonlySet<string> = new Set([...words(GENERIC), ...words(COUNTRY_CODES)])

/**
 * Real TLDs that are far more often file extensions in incident notes (dropper.py, run.sh,
 * README.md, libx.so, invoice.zip). Free text only counts such a name as a domain when it has at
 * least three labels (www.example.pl); in a URL or an e-mail address it always counts.
 */
export const FILE_EXTENSION_TLDS: ReadonlySet<string> = new Set(
  words('zip mov py sh md rs so pl pm cc tf mk am ac ps')
)

export function isKnownTld(tld: string): boolean {
  const lower = tld.toLowerCase()
  return KNOWN_TLDS.has(lower) || /^xn--[a-z0-9-]+$/.test(lower)
}
