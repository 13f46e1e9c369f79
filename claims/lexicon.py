"""Word lists of the engine, English and German, in one place with where each comes from.

None of these lists was grown from an article the engine is run on. They are closed-class words
and stock phrases of the two languages, taken from the grammars named beside each list:
  [CGEL]  Quirk, Greenbaum, Leech, Svartvik: A Comprehensive Grammar of the English Language (1985)
          (pronouns, modal and auxiliary verbs, superlative forms, reporting verbs).
  [Duden] Duden Band 4, Die Grammatik (2016): the German equivalents of the same word classes.
  [Hyland] K. Hyland, Metadiscourse (2005), appendix: hedges and boosters (a common subset).
  [Agencies] the international and national news agencies listed in Wikipedia's "News agency"
          article (agency codes as they appear in credits).
Everything is lowercase unless the list is of names; lookups are on lowercase tokens.
"""
from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# [CGEL] / [Duden]: irregular and common superlatives (regular "-est" forms are matched by pattern),
# plus the ordinal "first" and "record", which state a ranking the way a superlative does.
SUPERLATIVES = _words(
    """first largest biggest highest lowest smallest fastest slowest most least best worst
    greatest oldest youngest longest shortest strongest weakest record top leading unprecedented
    erste ersten erstem erster erstes größte größten größter größtes höchste höchsten höchster
    höchstes niedrigste niedrigsten niedrigster meiste meisten beste besten bester schlechteste
    schlechtesten stärkste stärksten schwächste schwächsten älteste ältesten jüngste jüngsten
    längste längsten schnellste schnellsten einzige einzigen führende führenden"""
)
SUPERLATIVE_PREFIXES = ("rekord",)  # German compounds: Rekordhoch, Rekordwert
FIRSTS = _words("first erste ersten erstem erster erstes")
# Words after "first" that make it a period ("the first two months"), not a ranking.
PERIOD_AFTER_FIRST = _words(
    """two three four five six seven eight nine ten half quarter quarters months weeks days years
    hälfte halbjahr quartal monate wochen tage jahre zwei drei vier fünf sechs"""
)
# "-est" words that are not superlatives ([CGEL]: the common nouns and adjectives ending in -est).
NOT_SUPERLATIVE_EST = _words(
    """interest forest request contest protest harvest honest modest manifest digest arrest guest
    west east test rest nest pest chest quest vest best"""
)

# Reporting verbs [CGEL 16.34] and their German counterparts [Duden]: an attributed statement.
REPORTING_VERBS = _words(
    """said says told stated noted added announced reported estimated confirmed sagte sagten
    erklärte erklärten betonte teilte mitteilte berichtete bestätigte"""
)
ATTRIBUTION_WORDS = _words("according citing data figures statistics report study survey laut angaben gemäß zufolge")

# Verbs of events and of measurable change: an occurrence or a quantity that moved.
EVENT_WORDS = _words(
    """held opened launched established founded signed released announced completed hosted published
    awarded elected won lost killed died injured arrested eröffnet stattgefunden unterzeichnet
    veröffentlicht gegründet gewählt gewann gewonnen verloren getötet gestorben verletzt"""
)
EVENT_PHRASES = (" took place ", " takes place ", " fand statt ", " findet statt ")
CHANGE_WORDS = _words(
    """increased decreased rose fell grew dropped declined doubled tripled halved reached climbed
    jumped surged slumped exceeded reduced cut ranks ranked accounted stieg sank wuchs fiel
    gesunken gestiegen gewachsen gefallen verdoppelt erreichte erreicht lag betrug"""
)
TOTAL_WORDS = _words("total totaling totalling insgesamt gesamt")

# [Hyland] hedges and opinion markers; [CGEL] / [Duden] modal verbs.
OPINION_WORDS = _words("should must ought hopefully sollte sollten müssen muss")
OPINION_PHRASES = (
    " i think ", " i believe ", " we believe ", " in my view ", " in my opinion ", " it is important to ",
    " we need to ", " ich glaube ", " wir glauben ", " ich denke ", " meiner meinung ", " meines erachtens ",
)
HEDGES = _words(
    """maybe perhaps possibly probably likely unlikely apparently seemingly suggest suggests might
    may could presumably vielleicht möglicherweise wahrscheinlich vermutlich offenbar anscheinend
    eventuell könnte könnten dürfte dürften"""
)
INTENT_PHRASES = (
    " aim to ", " aims to ", " plan to ", " plans to ", " intend to ", " intends to ", " hope to ",
    " hopes to ", " seek to ", " seeks to ", " want to ", " wants to ", " is going to ", " are going to ",
    " will try ", " wollen ", " plant ", " plante ", " beabsichtigt ",
)
FUTURE_WORDS = _words("will wird werden")
MODAL_WORDS = _words("would could can may might würde würden kann können mag darf")
PAST_AUXILIARIES = _words("was were had did war waren hatte hatten wurde wurden")
NEGATIONS = _words("not never no nobody nothing nicht nie niemals kein keine keinen keiner nichts")
FIRST_SINGULAR = _words("i me my mine ich mich mir mein meine meinen meiner")
FIRST_PLURAL = _words("we us our ours wir uns unser unsere unseren unserer")
SECOND_PERSON = _words("you your yours du dich dir dein deine ihr euch euer")
# Conversational turns: thanks, greetings, assent [CGEL 11.54 "formulae"].
FORMULAE = _words("thank thanks hello welcome yes okay ok well danke dank hallo willkommen ja")
COMPARATIVE_WORDS = _words("than als")

# Calls to action at the start of a line, as web pages phrase them.
CALL_TO_ACTION_STARTS = (
    "join", "visit", "click", "subscribe", "register", "sign up", "follow", "contact", "learn more",
    "read more", "download", "share", "besuchen sie", "melden sie sich", "klicken sie", "jetzt",
)

# [Agencies]: credit lines that are only an agency code. Other credits are matched by form.
NEWS_AGENCIES = (
    "AFP", "AP", "dpa", "Reuters", "Xinhua", "EFE", "ANSA", "Kyodo", "TASS", "UPI", "epd", "KNA",
    "APA", "SDA", "Keystone-SDA", "PA", "ANP", "Belga", "Yonhap", "PTI", "IANS", "Anadolu", "Bloomberg",
    "Getty Images", "dts",
)

# Page furniture labels: the words web pages put on buttons, menus and link lists.
UI_LABELS = _words(
    """search top share print email e-mail menu home more related comments comment subscribe login
    register newsletter advertisement anzeige teilen drucken suche weiterlesen tweet like whatsapp
    facebook twitter x linkedin instagram telegram reddit pinterest werbung"""
) | frozenset(
    {"follow us", "read more", "back to top", "log in", "sign in", "sign up", "skip to content",
     "skip to main content", "zum inhalt springen", "mehr lesen", "newsletter abonnieren"}
)
# A line that introduces a list of links to other articles.
LINK_LIST_STARTS = (
    "read also", "read more", "see also", "related", "more on this", "lesen sie auch", "lesen sie mehr",
    "auch interessant", "mehr zum thema", "das könnte sie auch interessieren",
)
