"""Per-language sentence rules for :func:`precis.sentences.sentence_spans` (issue 19).

The scan is the same in every language; what differs is data: which characters end a sentence
(。！？ in Chinese and Japanese, ؟ in Arabic and Persian, ۔ in Urdu, । in Hindi), which quotation
marks close one (» « “ 」 』), which open the next (¿ ¡ „ «), which abbreviations never end a
sentence ("z. B.", "bzw.", "т. е.", "Sra."), which may ("usw.", "etc.", "г."), and which
capitalised words typically begin one. Where a period follows an ambiguous token only such a
starter word makes it a boundary: in German every noun is capitalised, so a capital after
"Nr." or "19." says nothing. Lists are short on purpose: pySBD's per-language abbreviation
files and the Universal Dependencies treebanks measured what matters
(bench/bench_sentences_multilingual.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Rules", "rules_for"]


@dataclass(frozen=True, slots=True)
class Rules:
    """What :func:`precis.sentences.sentence_spans` needs to know about one language."""

    candidate: re.Pattern[str]  # a run of terminators
    closers: re.Pattern[str]  # closing quotes and brackets that stay with the sentence
    openers: re.Pattern[str]  # skipped to reach the next sentence's first word
    wide: frozenset[str]  # terminators that need no space after them
    titles: frozenset[str]  # precede a name: never end a sentence
    never: frozenset[str]  # other abbreviations that never end one
    abbreviations: frozenset[str]  # may end one: only before a starter word
    ends: frozenset[str]  # end a sentence before any capital ("etc"; "<n> г": "1990 г.")
    times: frozenset[str]  # "a.m", "p.m"
    time_words: frozenset[str]
    starters: frozenset[str]  # capitalised words that typically begin a sentence
    exclamation_words: frozenset[str]  # names spelt with "!"
    single_letters: bool = False  # a lone letter + "." is an abbreviation in any case
    ordinals: bool = False  # "19." before a noun is an ordinal (German, Turkish, Danish ...)
    months: frozenset[str] = frozenset()  # after an ordinal: a date, never a boundary
    ordinal_heads: frozenset[str] = frozenset()  # "am 19." "im 3." : the number is an ordinal
    quotes: str = ""  # opening/closing pairs inside which terminators cut nothing (「」)
    particles: str = ""  # after a closing quote: the sentence goes on (Japanese と)
    space_cuts: re.Pattern[str] | None = None  # spaces that end a segment (between Han/kana)
    brackets: str = ""  # pairs inside which a space cuts nothing (「」（）)

    @property
    def any_abbreviation(self) -> frozenset[str]:
        """Every abbreviation (list markers and footnotes are not taken after one)."""
        return self.titles | self.never | self.abbreviations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Terminators of every script; a language may add its own (Greek ";").
_TERMINATORS = ".?!…‽。．！？｡؟۔।॥։።፧፨။"
_CANDIDATE = re.compile(r"[" + _TERMINATORS + r"]+(?: [.…][.?!…‽]*)*")
# French sets a thin or plain space before »; "“" and "«" close only where „…“ and »…« are
# the quotation marks (German, Danish, Czech ...), elsewhere they open.
_CLOSING = "\"'”’»)\\]}」』）】〕〉》〗›"
_CLOSERS = re.compile(r"(?:[" + _CLOSING + r"]|[ \u00a0\u202f][»›](?!\w))*")
_CLOSERS_LOW9 = re.compile(r"(?:[" + _CLOSING + r"“‘«‹]|[ \u00a0\u202f][»›](?!\w))*")
_LOW9 = frozenset("de da cs sk sl hr is lt et bg".split())
_OPENERS = re.compile(r"[\"'“‘«»„‚‹›¿¡(\[{「『（【〈《*\-–—\s.…]{0,10}")
_WIDE = frozenset("。．！？｡")
_BASE_TITLES = _words("mr mrs ms dr prof st")
_BASE_NEVER = _words("e.g i.e vs cf ca approx")
_BASE_ABBREVIATIONS = _words("no nr nos n° nº vol fig p pp ed eds inc ltd co corp jr sr art")

# Words before a German number that make it an ordinal ("am 19. Februar", "im 3. Buch").
_DE_HEADS = _words(
    "am im vom zum zur beim bis seit ab um der die das dem den des ein eine einem einer eines "
    "jeder jede jedes jeden jedem dieser diese dieses diesem diesen seinem seiner ihrem ihrer "
    "vor nach zwischen am ans aufs ins"
)
_DE_MONTHS = _words(
    "januar jänner februar märz april mai juni juli august september oktober november dezember "
    "jan feb mär apr jun jul aug sep sept okt nov dez"
)
_TR_MONTHS = _words("ocak şubat mart nisan mayıs haziran temmuz ağustos eylül ekim kasım aralık")
_DA_MONTHS = _words(
    "januar februar marts april maj juni juli august september oktober november december"
)

_LANGUAGES: dict[str, dict[str, object]] = {
    "de": {
        "titles": "hr hrn fr frl dr prof st med jur phil dipl ing",
        "never": "z.b z.t z.z d.h u.a u.ä o.ä u.u v.a s.o s.u i.d.r u.v.a bzw vgl ca nr str bspw "
        "insb evtl ggf inkl zzgl sog geb gest kath ev evang abs bd kap tel mio mrd allg ehem "
        "mind urspr dt engl franz lat griech ital span gem spr lt bzgl ggü max min z.hd i.a",
        "abbreviations": "usw etc jh jhs jhd chr u.v.m u.ä.m mio mrd ff bd",
        "ends": "usw etc u.v.m",
        "starters": "Der Die Das Den Dem Des Ein Eine Einer Eines Einem Er Sie Es Wir Ich Ihr "
        "Man Dies Diese Dieser Dieses Im In Am Auf Aus Bei Mit Nach Seit Von Vor Zu Zum Zur Als "
        "Auch Aber Doch Denn Da Dann So Und Oder Wenn Weil Obwohl Während Nachdem Bevor Damit "
        "Dabei Daher Deshalb Trotzdem Jedoch Heute Später Danach Zudem Außerdem Hier Dort Was "
        "Wer Wie Wo Warum Welche Welcher Viele Alle Einige Manche Nur Noch Schon Jetzt Sein "
        "Seine Ihre Unser Unsere Mein Meine Kein Keine Bis Ab Um Über Unter Durch Für Gegen "
        "Ohne Nun Heute Zunächst Anschließend Schließlich Inzwischen Allerdings Zwar",
        "ordinals": True,
        "months": _DE_MONTHS,
        "ordinal_heads": _DE_HEADS,
    },
    "fr": {
        "titles": "m mm mme mmes mlle mlles dr pr me mgr st ste sr",
        "never": "p.ex cf av apr env ex réf",
        "abbreviations": "etc n° no vol p pp chap art éd",
        "ends": "etc",
        "starters": "Le La Les L' Un Une Des Il Elle Ils Elles On Nous Vous Je Ce Cette Ces Cet "
        "Mais Et Ou Donc Car En Dans Pour Par Sur Selon Après Avant Depuis Pendant Alors Ainsi "
        "Puis Enfin Aussi Cependant Pourtant Toutefois Lors Si Quand Comme Au Aux Du De À "
        "C'est Son Sa Ses Leur Leurs Mon Ma Mes Tout Tous Toute Toutes Plusieurs Aujourd'hui "
        "Désormais Or Néanmoins",
    },
    "es": {
        "titles": "sr sra srta sres srs dr dra dña d lic ing arq prof profa mons sto sta",
        "never": "p.ej ej ud uds vd vds av avda aprox tel gral admón cía núm pág págs",
        "abbreviations": "etc a.c d.c cap art núm vol s.a ene feb mar abr may jun jul ago sep "
        "sept oct nov dic lun mié jue vie sáb dom párr párrf cra ext mt min",
        "ends": "etc",
        "starters": "El La Los Las Un Una Unos Unas Él Ella Ellos Ellas Yo Nosotros Se Es Este "
        "Esta Esto Estos Estas Ese Esa En Con Por Para De Desde Según Tras Pero Y O Sin Aunque "
        "Además También Luego Después Antes Cuando Si Como Mientras Así Entonces No Su Sus Lo "
        "Al Del Hay Hoy Ya Otro Otra Todo Todos Cada",
    },
    "pt": {
        "titles": "sr sra srta dr dra prof profa exmo exma sto sta d",
        "never": "p.ex ex av pág págs núm n.º tel aprox",
        "abbreviations": "etc séc art vol cap ltda cia",
        "ends": "etc",
        "starters": "O A Os As Um Uma Ele Ela Eles Elas Eu Nós Você Isso Isto Este Esta Esse "
        "Essa No Na Nos Nas Em Com Por Para De Desde Segundo Após Mas E Ou Porém Contudo "
        "Também Depois Antes Quando Se Como Enquanto Assim Então Não Seu Sua Ao Do Da Já Hoje "
        "Há",
    },
    "it": {
        "titles": "sig sigg dott prof avv ing arch geom on sen dr s ss",
        "never": "p.es cfr es ca pag pagg",
        "abbreviations": "ecc etc art n nr sec vol cap",
        "ends": "ecc etc",
        "starters": "Il Lo La I Gli Le L' Un Una Uno Egli Lui Lei Loro Io Noi Questo Questa "
        "Questi Quello Quella In Con Per Da Di Su Dopo Prima Ma E O Però Tuttavia Anche Quando "
        "Se Come Mentre Così Poi Non Nel Nella Alla Al Del Della Secondo Oggi È",
    },
    "nl": {
        "titles": "dhr mevr mw dr drs ir prof mr st",
        "never": "bijv bv d.w.z i.p.v m.b.t o.a t.o.v e.d ca z.g.a",
        "abbreviations": "enz etc nr blz",
        "ends": "enz etc",
        "starters": "De Het Een Hij Zij Ze Wij We Ik Dit Dat Deze Die In Op Met Voor Na Maar En "
        "Of Ook Toen Als Daarna Er Zo Hier Daar",
    },
    "ru": {
        "titles": "г-н г-жа проф акад доц им св тов гр",
        "never": "т.е т.к т.н т.о т.ч ул пр стр см ср напр ок англ нем франц лат греч рус укр "
        "обл ген кв пгт",
        "abbreviations": "т.д т.п др г гг вв в н.э тыс млн млрд руб коп р с т",
        "ends": "т.д т.п др <n>_г <n>_гг",
        "starters": "В Во На С Со По К Ко Он Она Оно Они Мы Я Вы Ты Это Эти Этот Эта Но И А "
        "Однако Также Кроме После До При Как Когда Если Так Там Здесь Тогда Поэтому Впрочем "
        "Тем Его Ее Её Их Все Всё Уже Сейчас Сегодня Из От За Для Не Что Кто Где Почему",
    },
    "uk": {
        "titles": "проф акад доц ім св п пан пані",
        "never": "т.зв т.ч т.б вул див напр обл англ нім франц лат грец рос укр",
        "abbreviations": "т.д т.п ін р рр ст тис млн млрд грн м с т",
        "ends": "т.д т.п ін <n>_р <n>_рр",
        "starters": "В У На З Із Зі По До Він Вона Воно Вони Ми Я Ви Ти Це Ці Цей Ця Але І Й "
        "А Однак Проте Також Крім Після При Як Коли Якщо Так Там Тут Тоді Тому Його Її Їх Усі "
        "Всі Вже Сьогодні Від За Для Не Що Хто Де Чому Та",
    },
    "tr": {
        "titles": "dr doç prof yrd av sn op",
        "never": "bkz örn",
        "abbreviations": "vb vs no s",
        "ends": "vb vs",
        "starters": "Bu Bir Ancak Ama Fakat Ve O Bunun Daha Şu Her Bazı Bunlar Onlar Ben Biz "
        "Sen Siz Böylece Ayrıca Sonra Önce Şimdi Bugün Yine Hem Ne Neden Nasıl Hangi Çünkü "
        "Eğer Oysa Yani",
        "ordinals": True,
        "months": _TR_MONTHS,
    },
    "cs": {
        "titles": "p pí ing mgr mudr judr phdr rndr doc prof",
        "never": "např tzv tj atd apod resp s.r.o a.s čj popř",
        "abbreviations": "atd apod aj",
        "ends": "atd apod aj",
        "starters": "Ten Ta To Ty Ti Tento Tato Toto On Ona Ono Oni My Já Vy V Na Po Do Ale A "
        "I Však Také Když Pokud Tak Proto Je Jsou",
        "ordinals": True,
        "months": _words(
            "ledna února března dubna května června července srpna září října listopadu prosince"
        ),
    },
    "sk": {
        "titles": "p pani ing mgr mudr judr phdr rndr doc prof",
        "never": "napr tzv tj atď resp s.r.o a.s č",
        "abbreviations": "atď a.i",
        "ends": "atď",
        "starters": "Ten Tá To Tie Títo Tento Táto Toto On Ona Ono Oni My Ja Vy V Na Po Do Ale "
        "A I Však Aj Keď Ak Tak Preto Je Sú",
        "ordinals": True,
        "months": _words(
            "januára februára marca apríla mája júna júla augusta septembra "
            "októbra novembra decembra január február marec apríl máj jún júl august september "
            "október november december"
        ),
    },
    "da": {
        "titles": "hr fru frk dr prof",
        "never": "f.eks bl.a m.m osv mht ca",
        "abbreviations": "osv etc nr m.fl",
        "ends": "osv etc",
        "starters": "Den Det De En Et Han Hun Vi Jeg Der Men Og I På Med Til For Efter Da Når "
        "Hvis Som Så",
        "ordinals": True,
        "months": _DA_MONTHS,
    },
}
_CJK = {"quotes": "「」『』", "particles": "とっのはがをにもで"}
# Chinese and Japanese put no space between words, so a space between two Han or kana
# characters is not a word space: it marks where a caption, subheading or list item ends and
# the next segment begins ("据报中国当局加强了通关检查 据韩国媒体…", XL-Sum's BBC pages glued
# with spaces). A line break is not one (hard-wrapped text breaks anywhere).
_HAN_KANA = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_SPACE = re.compile(
    rf"(?<=[{_HAN_KANA}」』）】》〕〉])[^\S\r\n]+(?=[{_HAN_KANA}「『（【《〔〈])"
)
_EXTRA_TERMINATORS = {"el": ";;"}  # Greek ";" (and U+037E) is its question mark


def _build(code: str) -> Rules:
    """Rules for ``code``: its table over the shared base."""
    spec = _LANGUAGES.get(code, {})
    get = lambda key: _words(str(spec.get(key, "")))  # noqa: E731 - local shorthand
    extra = _EXTRA_TERMINATORS.get(code, "")
    candidate = _CANDIDATE
    if extra:
        candidate = re.compile(r"[" + _TERMINATORS + extra + r"]+(?: [.…][.?!…‽]*)*")
    cjk = _CJK if code in ("zh", "ja") else {}
    return Rules(
        candidate=candidate,
        closers=_CLOSERS_LOW9 if code in _LOW9 else _CLOSERS,
        openers=_OPENERS,
        wide=_WIDE,
        titles=_BASE_TITLES | get("titles"),
        never=_BASE_NEVER | get("never"),
        abbreviations=_BASE_ABBREVIATIONS | get("abbreviations"),
        ends=frozenset(w.replace("_", " ") for w in get("ends")) | {"etc"},
        times=frozenset(),
        time_words=frozenset(),
        starters=get("starters"),
        exclamation_words=frozenset(),
        single_letters=True,
        ordinals=bool(spec.get("ordinals")),
        months=frozenset(spec.get("months", frozenset())),  # type: ignore[arg-type]
        ordinal_heads=frozenset(spec.get("ordinal_heads", frozenset())),  # type: ignore[arg-type]
        quotes=cjk.get("quotes", ""),
        particles=cjk.get("particles", ""),
        space_cuts=_CJK_SPACE if cjk else None,
        brackets="「」『』（）【】《》" if cjk else "",
    )


@lru_cache(maxsize=64)
def rules_for(language: str) -> Rules:
    """The rules for an ISO 639-1 code other than English (any code: the shared base)."""
    return _build(language.lower())
