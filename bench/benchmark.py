"""Benchmark revtrack's ``compare()`` on synthetic news articles with known edits.

For each size (30, 300, 3,000 and 30,000 paragraphs by default) the script:

1. generates a seeded, deterministic pair of article versions: news-like paragraphs
   (invented people, towns, agencies; figures such as ``1,200 people``, ``$3.5 billion``,
   ``45%``; attributions and quotes) and a new version made by applying KNOWN edits at
   realistic rates (reworded, figure updates, removed, added, moved far, split, merged,
   style-only); the ground truth is the list of (old, new) paragraph links with their
   edit type;
2. measures, each run in a fresh subprocess so that peak memory is per measurement:
   ``compare(old_text, new_text)``; the floor (``parse_version`` on both texts plus
   ``tokenise`` on every paragraph); and ``difflib.HtmlDiff().make_file`` on the two
   paragraph lists (under a time cap, reported as a lower bound when cut off);
3. scores the alignment against the ground truth: precision and recall of (old, new)
   paragraph links, overall and per edit type;
4. prints a table and the targets with PASS/FAIL, and writes the same as JSON to
   ``bench/results/latest.json``.

Run ``python bench/benchmark.py --help`` for the options; ``bench/README.md`` explains
the figures. The same file is also the measurement worker (``--worker``, internal).
"""

from __future__ import annotations

import argparse
import bisect
import datetime as _dt
import gc
import importlib
import json
import math
import os
import platform
import queue
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent
RESULTS_DIR = BENCH_DIR / "results"

DEFAULT_SEED = 20240305
DEFAULT_SIZES = (30, 300, 3000, 30000)
QUICK_SIZES = (30, 300)
DEFAULT_ENGINE = "revtrack.compare:compare"

# ---------------------------------------------------------------------------------------
# EXTENSION POINT: renderers to time.
#
# Maps a name to the import path ("module:callable") of a function that takes the
# ``Comparison`` returned by ``compare()`` and returns its rendering (``str`` or
# ``bytes``). The compare worker imports each one before taking its memory baseline,
# times it on the Comparison it just computed, and reports the median time and the
# size of the output in bytes (for an HTML renderer: the HTML file size). Results show
# up as extra columns in the table and under "renderers" in the JSON. More can be added
# on the command line with ``--renderer NAME=module:callable``. The terminal report is
# rendered without colour at 120 columns with its defaults (unchanged runs collapsed),
# as `revtrack compare a b > report.txt` writes it.
RENDERERS: dict[str, str] = {
    "terminal": "revtrack.render.terminal:render_text",
    "html": "revtrack.render.html_report:render_html",
}
# ---------------------------------------------------------------------------------------

# Edit types, named like revtrack.model.Kind values so reports read the same.
UNCHANGED = "unchanged"
STYLE = "style"
REWORDED = "reworded"
FIGURE = "figure_update"
ADDED = "added"
REMOVED = "removed"
MOVED = "moved"
SPLIT = "split"
MERGED = "merged"
EDIT_TYPES: tuple[str, ...] = (
    UNCHANGED, STYLE, REWORDED, FIGURE, ADDED, REMOVED, MOVED, SPLIT, MERGED,
)
LINKED_TYPES: tuple[str, ...] = (UNCHANGED, STYLE, REWORDED, FIGURE, MOVED, SPLIT, MERGED)

# How many of each edit per 100 old paragraphs (fractions are rounded stochastically,
# from the seed, so small documents still get the occasional split or merge).
EDIT_RATES: dict[str, float] = {
    REWORDED: 8.0,
    FIGURE: 4.0,
    REMOVED: 3.0,
    ADDED: 3.0,
    MOVED: 2.0,
    SPLIT: 1.0,
    MERGED: 1.0,
    STYLE: 3.0,
}
MOVE_MIN_DISTANCE = 0.10  # a moved paragraph ends at least this share of the text away
SPLIT_DELAY_SHARE = 0.3  # share of splits whose second piece lands a few paragraphs later
REWORD_SHARE = (0.15, 0.35)  # share of a reworded paragraph's words that change

# Targets reported against (see bench/README.md).
TARGET_GROWTH = 12.0  # compare time at 30,000 / at 3,000
TARGET_VS_HTMLDIFF = 4.0  # HtmlDiff time / compare time at 30,000, at least
TARGET_VS_FLOOR = 5.0  # compare time / floor time at 30,000, at most
TARGET_PEAK_MB = 600.0  # peak RSS of the compare worker, below
TARGET_PRECISION = 0.98
TARGET_RECALL = 0.97
TARGET_SIZE = 30000
GROWTH_FROM = 3000


# =======================================================================================
# Generator: vocabulary
# =======================================================================================


class Picker:
    """Weighted choice from a fixed list with Zipf-like weights (rank r has 1/r**skew)."""

    def __init__(self, items: Sequence[str], skew: float = 1.0) -> None:
        if not items:
            raise ValueError("Picker needs at least one item")
        self.items = list(items)
        total = 0.0
        self.cumulative: list[float] = []
        for rank in range(1, len(self.items) + 1):
            total += 1.0 / rank**skew
            self.cumulative.append(total)
        self.total = total

    def __call__(self, rng: random.Random) -> str:
        index = bisect.bisect_right(self.cumulative, rng.random() * self.total)
        return self.items[min(index, len(self.items) - 1)]


# Word lists with synonyms: the generator uses the keys, rewording uses the values.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "killed": ("slain", "left dead"),
    "injured": ("hurt", "wounded"),
    "wounded": ("injured", "hurt"),
    "evacuated": ("moved out", "brought out"),
    "displaced": ("uprooted", "forced from their homes"),
    "rescued": ("saved", "pulled out"),
    "detained": ("held", "taken into custody"),
    "arrested": ("detained", "held"),
    "released": ("freed", "let go"),
    "hospitalised": ("admitted to hospital", "taken to hospital"),
    "treated": ("cared for", "seen"),
    "relocated": ("moved", "rehoused"),
    "vaccinated": ("immunised", "given vaccines"),
    "registered": ("recorded", "listed"),
    "destroyed": ("razed", "wrecked"),
    "damaged": ("hit", "harmed"),
    "flooded": ("submerged", "inundated"),
    "closed": ("shut", "sealed"),
    "reopened": ("opened again", "restored"),
    "seized": ("taken", "captured"),
    "delivered": ("handed out", "brought in"),
    "cancelled": ("called off", "scrapped"),
    "inspected": ("checked", "examined"),
    "said": ("stated", "added"),
    "announced": ("declared", "unveiled"),
    "confirmed": ("verified", "acknowledged"),
    "warned": ("cautioned", "said"),
    "rose": ("climbed", "increased"),
    "fell": ("dropped", "declined"),
    "began": ("started", "got under way"),
    "continued": ("went on", "persisted"),
    "ended": ("finished", "wound up"),
    "resumed": ("restarted", "picked up again"),
    "stalled": ("stopped", "broke down"),
    "collapsed": ("failed", "fell apart"),
    "allocated": ("set aside", "earmarked"),
    "pledged": ("promised", "committed"),
    "approved": ("signed off", "cleared"),
    "visited": ("toured", "travelled to"),
    "arrived": ("landed", "came"),
    "left": ("departed", "quit"),
    "reached": ("got to", "arrived in"),
    "entered": ("crossed into", "reached"),
    "fled": ("escaped", "left"),
    "heavy": ("intense", "fierce"),
    "severe": ("serious", "grave"),
    "large": ("major", "big"),
    "small": ("minor", "limited"),
    "new": ("fresh", "further"),
    "urgent": ("pressing", "immediate"),
    "difficult": ("hard", "tough"),
    "dire": ("desperate", "grim"),
    "calm": ("quiet", "stable"),
    "tense": ("uneasy", "strained"),
    "catastrophic": ("disastrous", "devastating"),
    "unacceptable": ("intolerable", "outrageous"),
    "historic": ("landmark", "momentous"),
    "worst": ("deadliest", "most serious"),
    "highest": ("steepest", "largest"),
    "officials": ("authorities", "administrators"),
    "government": ("administration", "cabinet"),
    "talks": ("negotiations", "discussions"),
    "meeting": ("session", "round of talks"),
    "agreement": ("deal", "accord"),
    "attack": ("strike", "assault"),
    "fighting": ("clashes", "combat"),
    "storm": ("cyclone", "gale"),
    "flooding": ("floods", "high water"),
    "fire": ("blaze", "wildfire"),
    "protest": ("demonstration", "rally"),
    "offensive": ("assault", "operation"),
    "blockade": ("siege", "closure"),
    "outbreak": ("epidemic", "spread"),
    "strike": ("walkout", "stoppage"),
    "election": ("vote", "ballot"),
    "ceasefire": ("truce", "cessation of hostilities"),
    "city": ("town", "municipality"),
    "area": ("district", "zone"),
    "region": ("province", "area"),
    "roads": ("routes", "highways"),
    "aid": ("relief", "assistance"),
    "supplies": ("provisions", "stocks"),
    "shelter": ("housing", "refuge"),
    "power": ("electricity", "energy"),
    "water": ("drinking water", "clean water"),
    "food": ("provisions", "rations"),
    "fuel": ("diesel", "petrol"),
    "medicine": ("medical supplies", "drugs"),
    "statement": ("written statement", "communique"),
    "reporters": ("journalists", "the press"),
    "residents": ("locals", "inhabitants"),
    "people": ("individuals", "persons"),
    "still": ("yet", "even now"),
    "immediately": ("straight away", "at once"),
    "later": ("afterwards", "subsequently"),
    "earlier": ("previously", "before"),
    "across": ("throughout", "all over"),
    "near": ("close to", "outside"),
    "despite": ("in spite of", "notwithstanding"),
    "would": ("will", "could"),
    "could": ("might", "may"),
    "expected": ("due", "set"),
    "quickly": ("rapidly", "swiftly"),
    "answers": ("explanations", "clarity"),
    "safe": ("secure", "out of danger"),
    "help": ("support", "assistance"),
    "angry": ("furious", "frustrated"),
    "exhausted": ("worn out", "drained"),
    "frightened": ("scared", "afraid"),
    "situation": ("picture", "state of affairs"),
    "damage": ("destruction", "harm"),
    "figure": ("number", "toll"),
    "account": ("version", "report"),
    "independently": ("separately", "externally"),
    "verified": ("confirmed", "checked"),
    "disputed": ("rejected", "challenged"),
    "limited": ("contained", "modest"),
    "plans": ("proposals", "schemes"),
    "budget": ("spending plan", "finance bill"),
    "prices": ("costs", "rates"),
    "vote": ("ballot", "poll"),
}

# Set phrases of the templates and how a rewrite might put them.
PHRASE_REWRITES: dict[str, tuple[str, ...]] = {
    "did not respond to a request for comment": (
        "could not be reached for comment", "declined to comment",
    ),
    "It was not immediately clear": ("It remained unclear", "It was unclear"),
    "demanded an inquiry": ("called for an investigation", "asked for an inquiry"),
    "were still waiting for aid": ("had yet to receive help", "were waiting for help"),
    "since the start of the month": ("this month", "since the month began"),
    "remained": ("was still", "stayed"),
    "had been without": ("had gone without", "had had no"),
    "were still closed": ("remained shut", "were blocked"),
    "would send new supplies": ("planned to send more supplies", "would ship supplies"),
    "there was no sign of the": ("there was little sign of the", "nothing pointed to the"),
    "had discussed the": ("had raised the", "had talked about the"),
    "would resume": ("could restart", "would begin again"),
    "was limited to": ("was confined to", "mostly affected"),
    "In a statement,": ("In a written statement,", "In a press release,"),
    "for a meeting with": ("to meet", "for talks with"),
    "stalled": ("broke down", "made no progress"),
    "carrying": ("loaded with", "bringing"),
    "The vote is expected": ("The vote should take place", "Voting is due"),
    "had no": ("lacked", "were without"),
    "could be": ("might be", "may be"),
    "if the": ("should the", "in case the"),
}

_SYLLABLES = (
    "ma ren to va li sa ko dri el an na tor be ni ja ra mi lo ka der fa zi ha ol un ve "
    "sti gor am is le da ri mo te su pa bre cal dor fen gil hal jor kes lin mar nor os "
    "per quin ros sel tam ul vin wen yar zel"
)
GIVEN_NAME_PARTS = tuple(_SYLLABLES.split())
SURNAME_ENDINGS = (
    "", "", "", "ski", "ov", "son", "ez", "ani", "elli", "berg", "ra", "ic", "oglu",
    "wick", "ard", "ova", "ston", "et", "ani", "ida",
)
TOWN_ENDINGS = (
    "bridge", "ford", "grad", "abad", "ville", "mouth", "stad", "ora", "heim", "port",
    "field", "ton", "burg", "dale", "ia", "kent", "haven", "polis", "marsh", "more",
)
AGENCY_DOMAINS = (
    "Health", "Defence", "Interior", "Coastal Affairs", "Energy", "Water", "Transport",
    "Education", "Finance", "Agriculture", "Refugee Affairs", "Public Works",
    "Civil Protection", "Labour", "Foreign Affairs", "Housing", "Justice", "Trade",
    "Environment", "Emergency Services",
)
AGENCY_FORMS = (
    "the Ministry of {d}", "the Department of {d}", "the {t} Port Authority",
    "the {t} Regional Council", "the National {d} Agency", "the {t} Red Crescent",
    "the {t} Chamber of Commerce", "the {d} Commission", "the {t} Police Service",
    "the Office of {d}", "the U.N. refugee agency", "the World Food Programme",
    "the {t} Teachers' Union", "the {t} Electricity Company", "the U.S. Embassy in {t}",
)
OUTLETS = (
    "the {t} Herald", "Radio {t}", "the {t} Daily", "{t} Television", "the {t} Courier",
    "the Evening {t}", "{t} News Agency",
)
ROLES = (
    "Foreign Minister", "Interior Minister", "Health Minister", "Defence Minister",
    "Prime Minister", "President", "Mayor", "Governor", "General", "Colonel", "Senator",
    "Ambassador", "Police Chief", "Judge", "Commissioner", "Finance Minister",
)
PERSON_DESCRIPTIONS = (
    "a spokesperson for {agency}", "the head of {agency}", "a senior official at {agency}",
    "a resident of {town}", "a doctor at {town} General Hospital", "an aid worker in {town}",
    "a shopkeeper in {town}", "the mayor of {town}", "an analyst at the {town} Institute",
    "a teacher from {town}", "a farmer near {town}", "a lawyer representing the families",
)
PEOPLE_NOUNS = (
    "people", "residents", "civilians", "soldiers", "children", "families", "patients",
    "workers", "refugees", "students", "police officers", "protesters", "migrants",
    "passengers", "journalists", "doctors", "volunteers", "fighters", "prisoners",
    "pensioners",
)
THING_NOUNS = (
    "homes", "buildings", "schools", "hospitals", "vehicles", "shops", "flights",
    "shelters", "tonnes of grain", "litres of fuel", "hectares of farmland",
    "kilometres of road", "power lines", "wells", "bridges", "factories",
)
PEOPLE_PASSIVE = (
    "killed", "injured", "evacuated", "displaced", "rescued", "detained", "wounded",
    "arrested", "released", "hospitalised", "treated", "relocated", "vaccinated",
    "registered",
)
THING_PASSIVE = (
    "destroyed", "damaged", "flooded", "closed", "reopened", "seized", "delivered",
    "cancelled", "inspected",
)
EVENTS = (
    "fighting", "flooding", "storm", "fire", "talks", "blockade", "protest", "offensive",
    "election", "outbreak", "strike", "ceasefire", "attack", "meeting", "agreement",
)
WHEN = (
    "on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "on Saturday",
    "on Sunday", "overnight", "late on Tuesday", "early on Friday", "on Sunday evening",
    "earlier this week", "in the past 24 hours", "on Monday morning", "last week",
)
SINCE = (
    "since Saturday", "since the start of the month", "since the ceasefire collapsed",
    "since the storm made landfall", "since the fighting began", "since last week",
    "since Monday", "since the border closed",
)
FUTURE_DAYS = ("Monday", "next week", "the end of the month", "further notice", "March")
FUTURE = (
    "next week", "later this month", "on Sunday", "within days", "before the end of the year",
    "in the spring", "by Friday",
)
JUDGEMENTS = (
    "catastrophic", "unacceptable", "historic", "difficult", "dire", "tense", "calm",
    "severe", "urgent",
)
GROUPS = (
    "households", "families", "residents", "young people", "farmers", "small businesses",
    "hospitals", "schools", "voters", "pensioners",
)
UTILITIES = ("power", "water", "food", "fuel", "medicine", "shelter", "supplies")
COMMODITIES = ("bread", "fuel", "rice", "cooking oil", "electricity", "rent", "medicine")
PURPOSES = (
    "rebuild roads in {town}", "repair the water network in {town}", "house displaced families",
    "pay teachers in {place}", "restore power to {town}", "buy medicine for {town}",
    "reopen schools in {place}", "clear debris from {town}",
)
CLAUSES = (
    "the situation in {town} remained {judgement}",
    "roads into {town} were still closed",
    "{group} had been without {utility} for {days}",
    "{people} were still waiting for aid",
    "the {event} had left {group} across {place} without {utility}",
    "{agency} would send new supplies {future}",
    "there was no sign of the {event} ending",
    "{role_person} had discussed the {event} with {agency}",
    "aid deliveries to {town} would resume {future}",
    "prices had risen {percent} {since}",
    "the damage was limited to {town}",
    "{things} were {thing_passive} near {town}",
)
SECOND_CLAUSES = (
    "the figure could not be independently verified",
    "{agency} disputed the account",
    "others said the damage was limited",
    "no timetable was given",
    "details were not immediately released",
    "{role_person} said it was too early to say",
)
QUOTES = (
    "We are doing everything we can to reach the {group} in {town}",
    "This is a {judgement} day for {town}",
    "There is no {utility} left in {town}",
    "We will not stop until the {group} are safe",
    "Nobody expected the {event} to spread so quickly",
    "We need help, and we need it now",
    "I have never seen anything like this in {years}",
    "People are angry and they want answers",
    "We don't know when the {event} will end",
    "The government has abandoned {town}",
    "Our teams are exhausted, but they will keep going",
    "My children ask me every night when we can go home",
    "The water came up to the roof in less than an hour",
    "Every family here has lost someone",
    "We warned them months ago and nobody listened",
    "If the trucks do not arrive by {future_day}, people will start leaving",
    "We have enough {utility} for {days}, maybe less",
    "It is too early to say who is responsible",
    "The numbers are going to rise, there is no doubt about it",
    "I sold my car to pay for the journey to {town}",
    "There is a plan, but it needs money we do not have",
    "Nobody from {agency} has come to see us",
    "They told us to wait, so we wait",
)
MODIFIERS = (
    "amid heavy rain", "as rescue teams searched the rubble", "despite repeated appeals for calm",
    "after days of {event}", "as the {event} entered its {ordinal} week",
    "near the border with {region}", "along the main road to {town}",
    "while talks continued in {town}", "a day after {role_person} visited the area",
    "before the curfew took effect", "as night fell", "under pressure from {agency}",
    "on the outskirts of {town}", "in a sharp escalation", "according to preliminary figures",
    "as aid agencies warned of shortages", "in the {direction} part of {town}",
    "for the {ordinal} time this month", "with more {people_noun} expected to arrive",
    "as schools remained closed", "just hours after the {event} was announced",
    "as prices kept rising", "in scenes witnesses described as chaotic",
    "in what {outlet} called a turning point", "with roads still blocked by debris",
)
ORDINALS = ("second", "third", "fourth", "fifth", "sixth")
DIRECTIONS = ("northern", "southern", "eastern", "western", "central")
RELATIVES = (
    "her brother", "his parents", "her son", "his daughter", "their neighbours",
    "her husband", "his cousins",
)
ATTRIBUTIONS = (
    "officials said", "officials said", "officials said", "{person} said", "{person} said",
    "according to {agency}", "{agency} said in a statement", "a spokesperson for {agency} said",
    "{role_person} told reporters", "local media reported", "witnesses told {outlet}",
    "police said", "the army said", "{outlet} reported",
)
US_ACTORS = ("State Department", "Embassy", "envoy", "Treasury", "military")

# Sentence templates: frequent ones first (the Picker gives them Zipf-like weights).
TEMPLATES = (
    "{people} were {people_passive} in {place} {when}{mod}, {attrib}.",
    "{person}, {person_desc}, said {clause}.",
    "\"{quote},\" {person} said.",
    "At least {people} have been {people_passive} {since}{mod}, {attrib}.",
    "{agency_cap} said it had allocated {money} to {purpose}.",
    "{role_person} said the {event} in {place} was {judgement}.",
    "In a statement, {agency} said {clause}.",
    "{things} were {thing_passive} in {place} {when}{mod}, {attrib}.",
    "\"{quote},\" said {person}, {person_desc}.",
    "{percent} of {group} in {place} had no {utility} {when}, according to {agency}.",
    "Talks between {agency} and {agency} stalled {when} in {town}.",
    "The {event} began {when} after {clause}.",
    "{role_person} visited {town} {when} for a meeting with {role_person}.",
    "Prices of {commodity} rose {percent} {when}{mod}, {attrib}.",
    "{town} residents said {clause}.",
    "{agency_cap} warned that {people} could be {people_passive} if the {event} continued.",
    "{count} trucks carrying {utility} entered {town} {when}{mod}, {attrib}.",
    "The vote is expected {future}, with {voters} registered.",
    "{agency_cap} has pledged {money} in aid for {place}.",
    "The {event} is the worst in {place} since {year}, {attrib}.",
    "{role_person} called the {event} \"{judgement}\" and demanded an inquiry.",
    "Officials in {town} said {clause}, but {clause2}.",
    "It was not immediately clear how many {people_noun} remained in {town}.",
    "{agency_cap} did not respond to a request for comment.",
    "{outlet_cap} reported that {clause}.",
    "{person} told {outlet} that {clause}.",
    "The U.S. {us_actor} said {clause}.",
    "{people} have fled {place} {since}{mod}, {attrib}.",
    "Unemployment in {place} rose to {percent} {when}, {attrib}.",
    "The budget includes {money} for {purpose}, {attrib}.",
    "The {event} continued {when} despite the {event}{mod}, {attrib}.",
    "{role_person} arrived in {town} {when}{mod}, {attrib}.",
    "{person_desc_cap} said {clause}.",
    "Schools in {place} will stay closed until {future_day}, {attrib}.",
    "{role_person} is due to travel to {town} {future} to discuss the {event}.",
    "The death toll in {place} rose to {people} {when}{mod}, {attrib}.",
    "Rescue workers pulled {people} from the rubble in {town} {when}{mod}, {attrib}.",
    "Satellite images showed {things} {thing_passive} near {town}{mod}.",
    "{agency_cap} said the {event} had cost {money} so far.",
    "A curfew was imposed in {place} {when}{mod}, {attrib}.",
    "{role_person} resigned {when} over the handling of the {event}.",
    "Lawmakers voted {count} to {count} {when} to approve {money} for {purpose}.",
    "The {event} has displaced {people} across {place}{mod}, {attrib}.",
    "Hospitals in {town} were running short of {utility}{mod}, {attrib}.",
    "{person} said she had waited {days} for news of {relative}.",
    "A court in {town} adjourned the case until {future_day}{mod}.",
    "Inflation reached {percent} {when}, the highest level since {year}, {attrib}.",
    "About {percent} of the {commodity} harvest was lost in {place}{mod}, {attrib}.",
)

SENTENCES_PER_PARAGRAPH = ((1, 30), (2, 35), (3, 25), (4, 10))  # (count, weight)


def _name_part(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(GIVEN_NAME_PARTS) for _ in range(syllables)).capitalize()


def _unique(rng: random.Random, make: Callable[[random.Random], str], count: int) -> list[str]:
    seen: dict[str, None] = {}
    while len(seen) < count:
        seen.setdefault(make(rng), None)
    return list(seen)


@dataclass
class Vocabulary:
    """The invented names an article draws on, with the article's recurring cast.

    A live blog keeps returning to the same few people, towns and agencies; the cast is
    a Zipf-weighted sample of the pools that grows with the length of the article.
    """

    people: Picker
    towns: Picker
    agencies: Picker
    outlets: Picker
    country_region: Picker

    @classmethod
    def build(cls, rng: random.Random, paragraphs: int) -> Vocabulary:
        given = _unique(rng, lambda r: _name_part(r, r.choice((1, 2, 2))), 400)
        surnames = _unique(
            rng,
            lambda r: _name_part(r, r.choice((2, 2, 3))) + r.choice(SURNAME_ENDINGS),
            1500,
        )
        towns = _unique(
            rng, lambda r: _name_part(r, r.choice((1, 2))) + r.choice(TOWN_ENDINGS), 800
        )
        regions = _unique(rng, lambda r: _name_part(r, 2) + "ia", 30)
        cast_people = min(30 + paragraphs // 25, 1500)
        cast_towns = min(15 + paragraphs // 60, 800)
        people = _unique(
            rng, lambda r: f"{r.choice(given)} {r.choice(surnames)}", cast_people
        )
        places = rng.sample(towns, cast_towns)
        agencies = _unique(
            rng,
            lambda r: r.choice(AGENCY_FORMS).format(
                d=r.choice(AGENCY_DOMAINS), t=r.choice(places)
            ),
            min(12 + paragraphs // 100, 300),
        )
        outlets = _unique(rng, lambda r: r.choice(OUTLETS).format(t=r.choice(places)), 8)
        return cls(
            people=Picker(people, 1.05),
            towns=Picker(places, 1.0),
            agencies=Picker(agencies, 1.0),
            outlets=Picker(outlets, 1.2),
            country_region=Picker(regions, 1.1),
        )


# =======================================================================================
# Generator: sentences and paragraphs
# =======================================================================================

_SLOT = re.compile(r"\{(\w+)\}")


def _log_uniform_int(rng: random.Random, low: int, high: int) -> int:
    return int(math.exp(rng.uniform(math.log(low), math.log(high))))


def _count(rng: random.Random, low: int = 2, high: int = 60000) -> str:
    return f"{_log_uniform_int(rng, low, high):,}"


def _money(rng: random.Random) -> str:
    form = rng.random()
    if form < 0.4:
        return f"${rng.randint(11, 99) / 10:.1f} billion"
    if form < 0.85:
        return f"${rng.randint(2, 950)} million"
    return f"${_log_uniform_int(rng, 5000, 900000):,}"


def _percent(rng: random.Random) -> str:
    if rng.random() < 0.7:
        return f"{rng.randint(2, 95)}%"
    return f"{rng.randint(11, 949) / 10:.1f}%"


class SentenceMaker:
    """Fills sentence templates from the vocabulary, one seeded RNG for everything."""

    def __init__(self, rng: random.Random, vocabulary: Vocabulary) -> None:
        self.rng = rng
        self.vocab = vocabulary
        self.used: set[str] = set()
        self.templates = Picker(TEMPLATES, 0.4)
        self.attributions = Picker(ATTRIBUTIONS, 0.4)
        self.clauses = Picker(CLAUSES, 0.5)
        self.quotes = Picker(QUOTES, 0.5)
        self.people_nouns = Picker(PEOPLE_NOUNS, 1.0)
        self.thing_nouns = Picker(THING_NOUNS, 0.9)
        self.people_passive = Picker(PEOPLE_PASSIVE, 0.9)
        self.events = Picker(EVENTS, 0.8)
        self.when = Picker(WHEN, 0.5)
        self.modifiers = Picker(MODIFIERS, 0.3)
        self.slots: dict[str, Callable[[], str]] = {
            "person": lambda: self.vocab.people(rng),
            "role_person": lambda: f"{rng.choice(ROLES)} {self.vocab.people(rng)}",
            "person_desc": lambda: self.fill(rng.choice(PERSON_DESCRIPTIONS)),
            "person_desc_cap": lambda: _capitalise(self.fill(rng.choice(PERSON_DESCRIPTIONS))),
            "town": lambda: self.vocab.towns(rng),
            "place": self._place,
            "agency": lambda: self.vocab.agencies(rng),
            "agency_cap": lambda: _capitalise(self.vocab.agencies(rng)),
            "outlet": lambda: self.vocab.outlets(rng),
            "outlet_cap": lambda: _capitalise(self.vocab.outlets(rng)),
            "people": lambda: f"{_count(rng)} {self.people_nouns(rng)}",
            "people_noun": lambda: self.people_nouns(rng),
            "things": lambda: f"{_count(rng, 2, 5000)} {self.thing_nouns(rng)}",
            "voters": lambda: f"{_count(rng, 20000, 9000000)} voters",
            "count": lambda: _count(rng, 3, 400),
            "days": lambda: f"{rng.randint(2, 30)} days",
            "years": lambda: f"{rng.randint(5, 45)} years",
            "year": lambda: str(rng.randint(1950, 2019)),
            "money": lambda: _money(rng),
            "percent": lambda: _percent(rng),
            "people_passive": lambda: self.people_passive(rng),
            "thing_passive": lambda: rng.choice(THING_PASSIVE),
            "event": lambda: self.events(rng),
            "when": lambda: self.when(rng),
            "since": lambda: rng.choice(SINCE),
            "future": lambda: rng.choice(FUTURE),
            "future_day": lambda: rng.choice(FUTURE_DAYS),
            "mod": self._modifier,
            "ordinal": lambda: rng.choice(ORDINALS),
            "direction": lambda: rng.choice(DIRECTIONS),
            "relative": lambda: rng.choice(RELATIVES),
            "region": lambda: self.vocab.country_region(rng),
            "judgement": lambda: rng.choice(JUDGEMENTS),
            "group": lambda: rng.choice(GROUPS),
            "utility": lambda: rng.choice(UTILITIES),
            "commodity": lambda: rng.choice(COMMODITIES),
            "purpose": lambda: self.fill(rng.choice(PURPOSES)),
            "clause": lambda: self.fill(self.clauses(rng)),
            "clause2": lambda: self.fill(rng.choice(SECOND_CLAUSES)),
            "quote": lambda: self.fill(self.quotes(rng)),
            "attrib": lambda: self.fill(self.attributions(rng)),
            "us_actor": lambda: rng.choice(US_ACTORS),
        }

    def _modifier(self) -> str:
        if self.rng.random() < 0.6:
            return ""
        return " " + self.fill(self.modifiers(self.rng))

    def _place(self) -> str:
        form = self.rng.random()
        if form < 0.7:
            return self.vocab.towns(self.rng)
        if form < 0.85:
            return f"the {self.vocab.country_region(self.rng)} region"
        first = self.vocab.towns(self.rng)
        second = self.vocab.towns(self.rng)
        return f"{first} and {second}" if second != first else first

    def fill(self, template: str) -> str:
        return _SLOT.sub(lambda m: self.slots[m.group(1)](), template)

    def sentence(self) -> str:
        """A sentence not used before in this article, if a few tries can find one."""
        for _ in range(20):
            sentence = _capitalise(self.fill(self.templates(self.rng)))
            if sentence not in self.used:
                break
        self.used.add(sentence)
        return sentence

    def paragraph(self) -> list[str]:
        counts = [c for c, _ in SENTENCES_PER_PARAGRAPH]
        weights = [w for _, w in SENTENCES_PER_PARAGRAPH]
        count = self.rng.choices(counts, weights)[0]
        return [self.sentence() for _ in range(count)]


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


# =======================================================================================
# Generator: edits
# =======================================================================================

_FIGURE = re.compile(r"(?<![\w.,$])(\$?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(%?)(?![\w,.]\d)")
_YEAR = re.compile(r"(?:19|20)\d\d")
_WORD = re.compile(r"\S+")
_ATTRIBUTION_REWRITES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r", officials said\.", ", according to officials."),
        (r", police said\.", ", according to police."),
        (r", the army said\.", ", according to the army."),
        (r", local media reported\.", ", according to local media reports."),
        (r", according to ([^,.]+?)\.", r", \1 said."),
        (r", ([^,.]+?) said in a statement\.", r", according to a statement from \1."),
        (r", a spokesperson for ([^,.]+?) said\.", r", said a spokesperson for \1."),
        (r", ([^,.]+?) told reporters\.", r", \1 said at a news conference."),
        (r", witnesses told ([^,.]+?)\.", r", witnesses said, speaking to \1."),
        (r", ([^,.]+?) reported\.", r", according to \1."),
        (r",\" ([A-Z]\w+ [A-Z]\w+) said\.", r",\" said \1."),
        (r", ([A-Z]\w+ [A-Z]\w+) said\.", r", according to \1."),
    )
)
_STYLE_CASE_WORDS = frozenset(
    (
        "Minister", "President", "Mayor", "Governor", "General", "Colonel", "Senator",
        "Ambassador", "Chief", "Judge", "Commissioner", "Prime", "Police", "Foreign",
        "Interior", "Health", "Defence", "Finance",
    )
)
_ADVERBS = ("also", "now", "reportedly", "again", "already", "officially")
_AUXILIARIES = frozenset(("were", "was", "have", "has", "had", "is", "are", "would", "could"))


def _format_figure(value: float, decimals: int, dollar: str, percent: str) -> str:
    body = f"{value:,.{decimals}f}" if decimals else f"{int(round(value)):,}"
    return f"{dollar}{body}{percent}"


def figure_spans(text: str) -> list[re.Match[str]]:
    """Numbers in ``text`` that are figures (years are not)."""
    return [
        m
        for m in _FIGURE.finditer(text)
        if m.group(1) or m.group(3) or m.group(4) or not _YEAR.fullmatch(m.group(2))
    ]


def change_figure(text: str, rng: random.Random) -> str:
    """Change the value of one figure in ``text`` (two in a third of the cases)."""
    spans = figure_spans(text)
    if not spans:
        raise ValueError("no figure to change")
    chosen = rng.sample(spans, min(len(spans), 2 if rng.random() < 0.33 else 1))
    for match in sorted(chosen, key=lambda m: m.start(), reverse=True):
        dollar, whole, fraction, percent = match.groups()
        decimals = len(fraction) - 1 if fraction else 0
        old_value = float(whole.replace(",", "") + (fraction or ""))
        step = 10.0**-decimals
        new_value = old_value
        while new_value == old_value:
            factor = rng.uniform(1.05, 1.6) if rng.random() < 0.7 else rng.uniform(0.5, 0.95)
            new_value = round(old_value * factor / step) * step
            if percent:
                new_value = min(new_value, 99.0)
            new_value = max(new_value, step)
            if new_value == old_value:
                new_value = old_value + step
        replacement = _format_figure(new_value, decimals, dollar, percent)
        text = text[: match.start()] + replacement + text[match.end() :]
    return text


def _is_figure_word(word: str) -> bool:
    return any(c.isdigit() for c in word)


def _core(word: str) -> tuple[str, str, str]:
    """Split a word into leading punctuation, the word, trailing punctuation."""
    start = 0
    while start < len(word) and not word[start].isalnum():
        start += 1
    end = len(word)
    while end > start and not word[end - 1].isalnum():
        end -= 1
    return word[:start], word[start:end], word[end:]


def reword_words(text: str, rng: random.Random) -> str | None:
    """Reword 15-35% of the words: set phrases rewritten, then single-word synonyms.

    Figures and the word right after a figure (what it counts) are left alone, so a
    reworded paragraph never carries a figure update. When a short paragraph offers too
    few candidates, an adverb goes after an auxiliary ("were" -> "were also"), once.
    Returns ``None`` when nothing in the paragraph can be reworded.
    """
    target = max(1, round(rng.uniform(*REWORD_SHARE) * len(text.split())))
    changed = 0
    rewritten: list[str] = []  # phrase rewrites, kept out of reach of the synonyms
    phrases = [p for p in PHRASE_REWRITES if p in text]
    rng.shuffle(phrases)
    for phrase in phrases:
        replacement = rng.choice(PHRASE_REWRITES[phrase])
        cost = _words_changed(phrase, replacement)
        if changed + cost > target or phrase not in text:
            continue
        text = text.replace(phrase, f"\x00{len(rewritten)}\x00", 1)
        rewritten.append(replacement)
        changed += cost
    words = text.split(" ")
    candidates = []
    for i, word in enumerate(words):
        if _is_figure_word(word) or (i > 0 and _is_figure_word(words[i - 1])):
            continue
        core = _core(word)[1]
        if "\x00" not in word and core.islower() and core in SYNONYMS:
            candidates.append(i)
    rng.shuffle(candidates)
    for i in candidates[: max(target - changed, 0)]:
        lead, core, trail = _core(words[i])
        words[i] = lead + rng.choice(SYNONYMS[core]) + trail
        changed += 1
    if changed < target:
        auxiliaries = [i for i, w in enumerate(words) if w in _AUXILIARIES]
        if auxiliaries:
            words.insert(rng.choice(auxiliaries) + 1, rng.choice(_ADVERBS))
            changed += 1
    if not changed:
        return None
    text = " ".join(words)
    for k, replacement in enumerate(rewritten):
        text = text.replace(f"\x00{k}\x00", replacement)
    return text


def _words_changed(phrase: str, replacement: str) -> int:
    """How many words of ``phrase`` do not survive in ``replacement``."""
    kept = replacement.split()
    lost = 0
    for word in phrase.split():
        if word in kept:
            kept.remove(word)
        else:
            lost += 1
    return max(lost, 1)


def rewrite_attribution(text: str, rng: random.Random) -> str | None:
    """Rewrite one attribution (``officials said`` -> ``according to officials``)."""
    rewrites = list(_ATTRIBUTION_REWRITES)
    rng.shuffle(rewrites)
    for pattern, replacement in rewrites:
        new_text, count = pattern.subn(replacement, text, count=1)
        if count and new_text != text:
            return new_text
    return None


def style_options(text: str) -> list[str]:
    """The style-only changes that apply to ``text``."""
    options = []
    if "U.S." in text or "U.N." in text:
        options.append("dotted")
    if '"' in text or "'" in text:
        options.append("quotes")
    if _case_positions(text.split(" ")):
        options.append("case")
    return options


def _case_positions(words: list[str]) -> list[int]:
    """Title words (``Minister``, ``Police``) that do not start a sentence."""
    return [
        i
        for i in range(1, len(words))
        if _core(words[i])[1] in _STYLE_CASE_WORDS
        and not words[i - 1].rstrip("\"'").endswith((".", "!", "?"))
        and not _core(words[i])[0]
    ]


def restyle(text: str, rng: random.Random) -> str:
    """Apply one or two style-only changes: U.S. -> US, curly quotes, case of a word."""
    options = style_options(text)
    if not options:
        raise ValueError("no style change applies")
    for option in rng.sample(options, min(len(options), rng.choice((1, 1, 2)))):
        if option == "dotted":
            text = text.replace("U.S.", "US").replace("U.N.", "UN")
        elif option == "quotes":
            text = _curl_quotes(text)
        else:
            words = text.split(" ")
            positions = _case_positions(words)
            i = rng.choice(positions)
            lead, core, trail = _core(words[i])
            words[i] = lead + core.lower() + trail
            text = " ".join(words)
    return text


def _curl_quotes(text: str) -> str:
    out = []
    opening = True
    for i, char in enumerate(text):
        if char == '"':
            out.append("\u201c" if opening else "\u201d")
            opening = not opening
        elif char == "'":
            before = text[i - 1] if i else " "
            out.append("\u2018" if before.isspace() else "\u2019")
        else:
            out.append(char)
    return "".join(out)


# =======================================================================================
# Generator: the pair and its ground truth
# =======================================================================================


@dataclass(frozen=True)
class Link:
    """A ground-truth link: old paragraph ``old`` became (part of) new paragraph ``new``."""

    old: int
    new: int
    kind: str


@dataclass(frozen=True)
class Edit:
    """One known edit: the old and new paragraphs it involves and how they changed."""

    kind: str
    old: tuple[int, ...]
    new: tuple[int, ...]
    note: str = ""


@dataclass(frozen=True)
class Pair:
    """Two versions of a synthetic article and the edits that turn one into the other."""

    seed: int
    size: int
    old_date: _dt.date
    new_date: _dt.date
    old_paragraphs: tuple[str, ...]
    new_paragraphs: tuple[str, ...]
    edits: tuple[Edit, ...]

    @property
    def old_text(self) -> str:
        return render_version(self.old_date, self.old_paragraphs)

    @property
    def new_text(self) -> str:
        return render_version(self.new_date, self.new_paragraphs)

    @property
    def links(self) -> tuple[Link, ...]:
        """Every ground-truth (old, new) link with its edit type, in old order."""
        links = [Link(o, n, e.kind) for e in self.edits for o in e.old for n in e.new]
        return tuple(sorted(links, key=lambda link: (link.old, link.new)))

    def old_kinds(self) -> dict[int, str]:
        """The edit type of every old paragraph."""
        return {o: e.kind for e in self.edits for o in e.old}

    def new_kinds(self) -> dict[int, str]:
        """The edit type of every new paragraph."""
        return {n: e.kind for e in self.edits for n in e.new}

    def counts(self) -> dict[str, int]:
        """How many edits of each type were applied (unchanged paragraphs included)."""
        counts = dict.fromkeys(EDIT_TYPES, 0)
        for edit in self.edits:
            counts[edit.kind] += 1
        return counts

    def truth_dict(self) -> dict[str, Any]:
        return {
            "seed": self.seed,
            "size": self.size,
            "counts": self.counts(),
            "edits": [
                {"kind": e.kind, "old": list(e.old), "new": list(e.new), "note": e.note}
                for e in self.edits
            ],
        }


def render_version(date: _dt.date, paragraphs: Iterable[str]) -> str:
    """The text of one version: the ``date`` header line, then blank-line paragraphs."""
    return f"date {date.isoformat()}\n\n" + "\n\n".join(paragraphs) + "\n"


@dataclass(eq=False)
class _Piece:
    """A paragraph of the new version under construction."""

    text: str
    old: tuple[int, ...]
    kind: str
    note: str = ""


def _stochastic_round(value: float, rng: random.Random) -> int:
    whole = math.floor(value)
    return whole + (1 if rng.random() < value - whole else 0)


def generate_pair(size: int, seed: int = DEFAULT_SEED) -> Pair:
    """A deterministic pair of ``size``-paragraph article versions with known edits."""
    if size < 1:
        raise ValueError("size must be at least 1")
    rng = random.Random(f"revtrack-bench/{seed}/{size}")
    maker = SentenceMaker(rng, Vocabulary.build(rng, size))

    seen: set[str] = set()

    def fresh() -> list[str]:
        """A new paragraph, not even a reordering of the words of an earlier one."""
        while True:
            sentences = maker.paragraph()
            key = " ".join(sorted(" ".join(sentences).lower().split()))
            if key not in seen:
                seen.add(key)
                return sentences

    old = [fresh() for _ in range(size)]
    dateline = maker.vocab.towns(rng).upper()
    old[0][0] = f"{dateline} - {old[0][0]}"
    old_texts = [" ".join(s) for s in old]

    # Choose which old paragraphs get which edit; each old paragraph gets at most one.
    counts = {k: _stochastic_round(rate * size / 100, rng) for k, rate in EDIT_RATES.items()}
    order = list(range(size))
    rng.shuffle(order)
    assigned: dict[int, str] = {}

    def take(kind: str, eligible: Callable[[int], bool]) -> list[int]:
        chosen = []
        for i in order:
            if len(chosen) >= counts[kind]:
                break
            if i not in assigned and eligible(i):
                assigned[i] = kind
                chosen.append(i)
        return chosen

    merges = []
    for i in order:
        if len(merges) >= counts[MERGED]:
            break
        if i + 1 < size and i not in assigned and i + 1 not in assigned:
            assigned[i] = assigned[i + 1] = MERGED
            merges.append(i)
    take(SPLIT, lambda i: len(old[i]) >= 2)
    take(FIGURE, lambda i: bool(figure_spans(old_texts[i])))
    take(STYLE, lambda i: bool(style_options(old_texts[i])))
    moved = set(take(MOVED, lambda i: True))
    take(REMOVED, lambda i: True)
    take(REWORDED, lambda i: True)

    # Build the new version in old order, then insert, delay split pieces and move.
    pieces: list[_Piece] = []
    delayed: list[_Piece] = []
    moving: list[tuple[_Piece, int]] = []
    skip_next = False
    for i in range(size):
        if skip_next:
            skip_next = False
            continue
        kind = assigned.get(i, UNCHANGED)
        text = old_texts[i]
        if kind == MERGED:
            pieces.append(_Piece(f"{text} {old_texts[i + 1]}", (i, i + 1), MERGED))
            skip_next = True
        elif kind == SPLIT:
            cut = rng.randint(1, len(old[i]) - 1)
            first = _Piece(" ".join(old[i][:cut]), (i,), SPLIT)
            second = _Piece(" ".join(old[i][cut:]), (i,), SPLIT)
            pieces += [first, second]
            if rng.random() < SPLIT_DELAY_SHARE:
                delayed.append(second)
                first.note = second.note = "second piece placed later"
        elif kind == REMOVED:
            continue
        elif kind == FIGURE:
            pieces.append(_Piece(change_figure(text, rng), (i,), FIGURE))
        elif kind == STYLE:
            pieces.append(_Piece(restyle(text, rng), (i,), STYLE))
        elif kind == REWORDED:
            pieces.append(_reworded_piece(i, text, rng, maker))
        else:
            piece = _Piece(text, (i,), kind)
            pieces.append(piece)
            if i in moved:
                moving.append((piece, i))

    for _ in range(counts[ADDED]):
        text = " ".join(fresh())
        pieces.insert(rng.randint(0, len(pieces)), _Piece(text, (), ADDED))

    for piece in delayed:
        position = pieces.index(piece)  # identity: _Piece has no __eq__
        pieces.pop(position)
        pieces.insert(min(position + rng.randint(2, 4), len(pieces)), piece)

    for piece, old_index in moving:
        pieces.pop(pieces.index(piece))
        pieces.insert(_far_position(old_index / size, len(pieces), rng), piece)

    # Number the new paragraphs and gather the edits.
    split_at: dict[tuple[int, ...], int] = {}  # old paragraph -> position in edits
    edits: list[Edit] = []
    new_texts = []
    for new_index, piece in enumerate(pieces):
        new_texts.append(piece.text)
        if piece.kind == SPLIT:
            if piece.old in split_at:
                first = edits[split_at[piece.old]]
                edits[split_at[piece.old]] = Edit(
                    SPLIT, first.old, (*first.new, new_index), first.note
                )
                continue
            split_at[piece.old] = len(edits)
            edit = Edit(SPLIT, piece.old, (new_index,), piece.note)
        elif piece.kind == ADDED:
            edit = Edit(ADDED, (), (new_index,))
        else:
            edit = Edit(piece.kind, piece.old, (new_index,), piece.note)
        edits.append(edit)
    edits += [Edit(REMOVED, (i,), ()) for i, k in assigned.items() if k == REMOVED]
    edits.sort(key=lambda e: (e.old[0] if e.old else size, e.new[0] if e.new else -1))

    old_date = _dt.date(2024, 1, 1) + _dt.timedelta(days=rng.randint(0, 360))
    return Pair(
        seed=seed,
        size=size,
        old_date=old_date,
        new_date=old_date + _dt.timedelta(days=1),
        old_paragraphs=tuple(old_texts),
        new_paragraphs=tuple(new_texts),
        edits=tuple(edits),
    )


def _far_position(old_share: float, length: int, rng: random.Random) -> int:
    """An insertion index in ``[0, length]`` at least MOVE_MIN_DISTANCE (plus a margin)
    of the text away from where the paragraph stood (``old_share`` of the old text)."""
    distance = MOVE_MIN_DISTANCE + 0.02
    scale = max(length, 1)
    below = range(0, min(math.floor((old_share - distance) * scale), length) + 1)
    above = range(max(math.ceil((old_share + distance) * scale), 0), length + 1)
    choices = len(below) + len(above)
    if not choices:
        return length
    k = rng.randrange(choices)
    return below[k] if k < len(below) else above[k - len(below)]


def _reworded_piece(i: int, text: str, rng: random.Random, maker: SentenceMaker) -> _Piece:
    """Reword a paragraph one of three ways; a way that does not apply falls through."""
    ways: list[tuple[str, Callable[[], str | None]]] = [
        ("words replaced", lambda: reword_words(text, rng)),
        ("attribution rewritten", lambda: rewrite_attribution(text, rng)),
    ]
    how = rng.random()
    if how < 0.3:
        ways.reverse()
    elif how < 0.5:
        ways = []
    for note, reword in ways:
        reworded = reword()
        if reworded is not None and reworded != text:
            return _Piece(reworded, (i,), REWORDED, note)
    return _Piece(f"{text} {maker.sentence()}", (i,), REWORDED, "sentence appended")


# =======================================================================================
# Scoring
# =======================================================================================

# The revtrack Kind each edit type should be labelled with (for the informational
# "kind" column; not a target).
EXPECTED_KIND = {t: t for t in EDIT_TYPES}

PredictedAlignment = tuple[tuple[int, ...], tuple[int, ...], tuple[str, ...]]


def _ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def score(pair: Pair, alignments: Sequence[PredictedAlignment]) -> dict[str, Any]:
    """Precision and recall of predicted (old, new) links against the ground truth.

    A predicted link is attributed to an edit type for the per-type precision: ``added``
    when its new paragraph was inserted, ``removed`` when its old paragraph was deleted,
    otherwise the edit type of its old paragraph. Links to or from added/removed
    paragraphs are always wrong, so those rows count spurious links instead of recall.
    ``kind`` is the share of each type's edits labelled with the expected Kind.
    """
    truth = {(link.old, link.new): link.kind for link in pair.links}
    predicted: dict[tuple[int, int], tuple[str, ...]] = {}
    for old, new, kinds in alignments:
        for o in old:
            for n in new:
                predicted[(o, n)] = kinds
    old_kinds = pair.old_kinds()
    new_kinds = pair.new_kinds()

    per_type: dict[str, dict[str, Any]] = {
        t: {"truth": 0, "found": 0, "predicted": 0, "correct": 0, "kind_ok": 0, "edits": 0}
        for t in EDIT_TYPES
    }
    for link, kind in truth.items():
        row = per_type[kind]
        row["truth"] += 1
        if link in predicted:
            row["found"] += 1
            if EXPECTED_KIND[kind] in predicted[link]:
                row["kind_ok"] += 1
    for link in predicted:
        o, n = link
        if new_kinds.get(n) == ADDED:
            kind = ADDED
        elif old_kinds.get(o) == REMOVED:
            kind = REMOVED
        else:
            kind = old_kinds.get(o, UNCHANGED)
        per_type[kind]["predicted"] += 1
        per_type[kind]["correct"] += link in truth

    unlinked_old = {o for old, new, kinds in alignments if not new and REMOVED in kinds
                    for o in old}
    unlinked_new = {n for old, new, kinds in alignments if not old and ADDED in kinds
                    for n in new}
    for edit in pair.edits:
        per_type[edit.kind]["edits"] += 1
        if edit.kind == REMOVED:
            per_type[REMOVED]["kind_ok"] += edit.old[0] in unlinked_old
        elif edit.kind == ADDED:
            per_type[ADDED]["kind_ok"] += edit.new[0] in unlinked_new

    for kind, row in per_type.items():
        row["precision"] = _ratio(row["correct"], row["predicted"])
        row["recall"] = _ratio(row["found"], row["truth"])
        if kind in (ADDED, REMOVED):
            row["kind"] = _ratio(row["kind_ok"], row["edits"])
        else:
            row["kind"] = _ratio(row["kind_ok"], row["truth"])
    correct = sum(1 for link in predicted if link in truth)
    return {
        "truth_links": len(truth),
        "predicted_links": len(predicted),
        "correct_links": correct,
        "precision": _ratio(correct, len(predicted)),
        "recall": _ratio(correct, len(truth)),
        "per_type": per_type,
    }


# =======================================================================================
# Worker: one measurement in a fresh process
# =======================================================================================


def peak_rss_kib() -> dict[str, int | None]:
    """Peak resident memory of this process so far, in KiB.

    ``hwm`` is ``VmHWM`` from /proc/self/status (Linux): the high-water mark of this
    process's own address space. ``maxrss`` is ``getrusage(RUSAGE_SELF).ru_maxrss``;
    on Linux it survives exec, so in a child started with fork/vfork+exec it can report
    the parent's peak instead; ``peak`` prefers ``hwm`` for that reason.
    """
    import resource

    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if sys.platform == "darwin":
        maxrss //= 1024  # bytes there
    hwm = None
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    hwm = int(line.split()[1])
                    break
    except OSError:
        pass
    return {"maxrss": maxrss, "hwm": hwm, "peak": hwm if hwm is not None else maxrss}


def _load(path: str) -> Callable[..., Any]:
    module_name, _, attribute = path.partition(":")
    if not attribute:
        raise SystemExit(f"expected module:callable, got {path!r}")
    target: Any = importlib.import_module(module_name)
    for part in attribute.split("."):
        target = getattr(target, part)
    return target  # type: ignore[no-any-return]


def _emit(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def _timed_calls(function: Callable[[], Any], min_time: float) -> tuple[float, int, Any]:
    """Call ``function`` until ``min_time`` has passed (at least once): mean time per call.

    Small inputs run in microseconds, so they are repeated like ``timeit.autorange``;
    large ones run once. Each call is announced with ``START`` so the parent can tell how
    long an unfinished call had been running when it hits the time cap.
    """
    total = 0.0
    calls = 0
    first = None
    while True:
        _emit("START")
        start = time.perf_counter()
        result = function()
        total += time.perf_counter() - start
        calls += 1
        if first is None:
            first = result
        del result
        if total >= min_time:
            return total / calls, calls, first


def run_worker(task: str, old_path: str, new_path: str, options: argparse.Namespace) -> None:
    """Measure one task on one pair and print ``RESULT {json}`` on the last line."""
    old_text = Path(old_path).read_text(encoding="utf-8")
    new_text = Path(new_path).read_text(encoding="utf-8")
    from revtrack.parse import parse_version, tokenise

    result: dict[str, Any] = {"task": task}
    function: Callable[[], Any]
    renderers: dict[str, Callable[[Any], Any]] = {}
    if task == "compare":
        compare = _load(options.engine)
        renderers = {name: _load(path) for name, path in _renderer_paths(options).items()}

        def function() -> Any:
            return compare(old_text, new_text, old_source="old.txt", new_source="new.txt")

    elif task == "floor":

        def function() -> Any:
            count = 0
            for text in (old_text, new_text):
                for paragraph in parse_version(text).paragraphs:
                    count += len(tokenise(paragraph))
            return count

    elif task == "htmldiff":
        import difflib

        old_paragraphs = list(parse_version(old_text).paragraphs)
        new_paragraphs = list(parse_version(new_text).paragraphs)

        def function() -> Any:
            return len(difflib.HtmlDiff().make_file(old_paragraphs, new_paragraphs))

    else:
        raise SystemExit(f"unknown worker task {task!r}")

    gc.collect()
    baseline = peak_rss_kib()
    seconds, calls, output = _timed_calls(function, options.min_time)
    peak = peak_rss_kib()
    result.update(seconds=seconds, calls=calls, baseline_kib=baseline, peak_kib=peak)
    if task == "htmldiff":
        result["output_bytes"] = output
    if task == "compare":
        result["alignments"] = [
            [list(a.old), list(a.new), [str(getattr(k, "value", k)) for k in a.kinds]]
            for a in output.alignments
        ]
        result["renderers"] = {}
        for name, render in renderers.items():
            render_seconds, render_calls, rendered = _timed_calls(
                lambda render=render: render(output), options.min_time
            )
            size = len(rendered.encode("utf-8") if isinstance(rendered, str) else rendered)
            result["renderers"][name] = {
                "seconds": render_seconds,
                "calls": render_calls,
                "output_bytes": size,
                "peak_kib": peak_rss_kib(),
            }
    _emit("RESULT " + json.dumps(result))


def _renderer_paths(options: argparse.Namespace) -> dict[str, str]:
    paths = dict(RENDERERS)
    for spec in options.renderer or ():
        name, _, path = spec.partition("=")
        if not path:
            raise SystemExit(f"--renderer expects NAME=module:callable, got {spec!r}")
        paths[name] = path
    return paths


# =======================================================================================
# Parent: running workers under a cap
# =======================================================================================


@dataclass
class Run:
    """The outcome of one worker run."""

    task: str
    ok: bool
    seconds: float | None = None
    capped: bool = False  # cut off at the time cap: ``seconds`` is a lower bound
    error: str | None = None
    data: dict[str, Any] = field(default_factory=dict)


def run_measurement(
    task: str, old_path: Path, new_path: Path, cap: float, options: argparse.Namespace
) -> Run:
    """Run one worker process; kill it if its timed section runs longer than ``cap``."""
    command = [
        sys.executable, str(Path(__file__).resolve()), "--worker", task,
        "--old", str(old_path), "--new", str(new_path),
        "--engine", options.engine, "--min-time", str(options.min_time),
    ]
    for spec in options.renderer or ():
        command += ["--renderer", spec]
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(REPO_ROOT), env.get("PYTHONPATH", "")) if p
    )
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8") as stderr:
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=stderr, text=True, env=env, cwd=REPO_ROOT
        )
        assert process.stdout is not None
        lines: queue.Queue[str | None] = queue.Queue()

        def read() -> None:
            assert process.stdout is not None
            for line in process.stdout:
                lines.put(line.rstrip("\n"))
            lines.put(None)

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        deadline: float | None = None
        last_start: float | None = None
        result: dict[str, Any] | None = None
        startup_limit = time.monotonic() + max(cap, 120.0)
        while True:
            limit = deadline if deadline is not None else startup_limit
            try:
                line = lines.get(timeout=max(limit - time.monotonic(), 0.0))
            except queue.Empty:
                process.kill()
                process.wait()
                reader.join(timeout=5)
                if last_start is None:
                    return Run(task, ok=False, error="worker did not start in time")
                return Run(task, ok=False, capped=True, seconds=time.monotonic() - last_start)
            if line is None:
                break
            if line == "START":
                last_start = time.monotonic()
                if deadline is None:
                    deadline = last_start + cap
            elif line.startswith("RESULT "):
                result = json.loads(line[len("RESULT ") :])
        process.wait()
        reader.join(timeout=5)
        if process.returncode != 0 or result is None:
            stderr.seek(0)
            tail = stderr.read().strip().splitlines()[-12:]
            return Run(task, ok=False, error="\n".join(tail) or f"exit {process.returncode}")
        return Run(task, ok=True, seconds=result["seconds"], data=result)


# =======================================================================================
# Parent: the benchmark
# =======================================================================================


def _median(values: Sequence[float]) -> float | None:
    return statistics.median(values) if values else None


def _mb(kib: int | None) -> float | None:
    return kib / 1024 if kib is not None else None


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def measure_size(
    size: int, options: argparse.Namespace, workdir: Path
) -> dict[str, Any]:
    """Generate the pair for ``size``, run every measurement, score the alignment."""
    started = time.perf_counter()
    pair = generate_pair(size, options.seed)
    generated = time.perf_counter() - started
    old_path = workdir / f"old-{size}.txt"
    new_path = workdir / f"new-{size}.txt"
    old_path.write_text(pair.old_text, encoding="utf-8")
    new_path.write_text(pair.new_text, encoding="utf-8")
    if options.dump:
        dump = Path(options.dump)
        dump.mkdir(parents=True, exist_ok=True)
        (dump / f"old-{size}.txt").write_text(pair.old_text, encoding="utf-8")
        (dump / f"new-{size}.txt").write_text(pair.new_text, encoding="utf-8")
        (dump / f"truth-{size}.json").write_text(
            json.dumps(pair.truth_dict(), indent=1), encoding="utf-8"
        )
    _log(
        f"[{size:>6} paragraphs] generated in {generated:.2f} s "
        f"({len(pair.new_paragraphs)} new paragraphs, {len(pair.old_text) / 1e6:.2f} MB old text)"
    )

    repeat = options.repeat
    runs: dict[str, list[Run]] = {"floor": [], "compare": [], "htmldiff": []}
    large_repeat = options.htmldiff_large_repeat
    htmldiff_repeat = repeat if size <= GROWTH_FROM or large_repeat is None else large_repeat
    for rep in range(repeat):
        tasks = ["floor", "compare"]
        if not options.no_htmldiff and rep < htmldiff_repeat:
            tasks.append("htmldiff")
        for task in tasks:
            previous = runs[task]
            if previous and not previous[-1].ok:
                continue  # cut off or failed once: running it again tells nothing new
            cap = options.htmldiff_cap if task == "htmldiff" else options.cap
            run = run_measurement(task, old_path, new_path, cap, options)
            runs[task].append(run)
            _log(f"[{size:>6} paragraphs] run {rep + 1}/{repeat} {task:<8} {_describe(run)}")
            if task == "compare" and not run.ok and not run.capped:
                _log(run.error or "")

    result: dict[str, Any] = {
        "size": size,
        "old_paragraphs": len(pair.old_paragraphs),
        "new_paragraphs": len(pair.new_paragraphs),
        "old_chars": len(pair.old_text),
        "new_chars": len(pair.new_text),
        "edit_counts": pair.counts(),
        "generate_seconds": generated,
    }
    for task, task_runs in runs.items():
        cap = options.htmldiff_cap if task == "htmldiff" else options.cap
        result[task] = _summarise(task_runs, cap)

    first_ok = next((r for r in runs["compare"] if r.ok), None)
    if first_ok is not None:
        alignments = [
            (tuple(old), tuple(new), tuple(kinds))
            for old, new, kinds in first_ok.data["alignments"]
        ]
        result["alignment"] = score(pair, alignments)
        renderer_runs: dict[str, list[dict[str, Any]]] = {}
        for run in runs["compare"]:
            for name, data in run.data.get("renderers", {}).items():
                renderer_runs.setdefault(name, []).append(data)
        result["renderers"] = {
            name: {
                "seconds": _median([d["seconds"] for d in data]),
                "output_bytes": data[0]["output_bytes"],
                "peak_mb": _mb(max(d["peak_kib"]["peak"] for d in data)),
            }
            for name, data in renderer_runs.items()
        }
    else:
        result["alignment"] = None
        result["renderers"] = {}
    return result


def _describe(run: Run) -> str:
    if run.capped:
        return f"cut off after {run.seconds:.1f} s (cap)"
    if not run.ok:
        return "FAILED: " + (run.error or "").splitlines()[-1:][0] if run.error else "FAILED"
    peak = run.data["peak_kib"]["peak"]
    return f"{run.seconds:.4f} s x{run.data['calls']}, peak {peak / 1024:.1f} MB"


def _summarise(runs: list[Run], cap: float) -> dict[str, Any]:
    """Median time over successful runs; a capped run makes the figure a lower bound."""
    if not runs:
        return {"status": "skipped"}
    ok = [r for r in runs if r.ok]
    capped = [r for r in runs if r.capped]
    summary: dict[str, Any] = {
        "runs": [
            {"seconds": r.seconds, "ok": r.ok, "capped": r.capped, "error": r.error}
            for r in runs
        ],
    }
    if capped:
        # The unfinished call had run at least this long when it was cut off.
        at_least = max(r.seconds or 0.0 for r in capped)
        summary.update(status="capped", seconds=None, at_least_seconds=at_least, cap_seconds=cap)
        return summary
    if not ok:
        summary.update(status="failed", seconds=None, error=runs[-1].error)
        return summary
    baselines = [r.data["baseline_kib"]["peak"] for r in ok]
    peaks = [r.data["peak_kib"]["peak"] for r in ok]
    summary.update(
        status="ok",
        seconds=_median([r.seconds for r in ok if r.seconds is not None]),
        all_seconds=[r.seconds for r in ok],
        calls_per_run=[r.data["calls"] for r in ok],
        peak_mb=_mb(max(peaks)),
        baseline_mb=_mb(max(baselines)),
        peak_over_baseline_mb=_mb(max(p - b for p, b in zip(peaks, baselines, strict=True))),
        ru_maxrss_mb=_mb(max(r.data["peak_kib"]["maxrss"] for r in ok)),
    )
    if "output_bytes" in ok[0].data:
        summary["output_bytes"] = ok[0].data["output_bytes"]
    return summary


# ---------------------------------------------------------------------------------------
# Ratios and targets


@dataclass(frozen=True)
class Bound:
    """A measured value, possibly only a lower bound (``> value``)."""

    value: float
    lower_bound: bool = False

    def __str__(self) -> str:
        return f"{'>' if self.lower_bound else ''}{_fmt_number(self.value)}"


def _fmt_number(value: float) -> str:
    if value >= 100:
        return f"{value:.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def _time_of(summary: dict[str, Any]) -> Bound | None:
    if summary.get("status") == "ok":
        return Bound(summary["seconds"])
    if summary.get("status") == "capped":
        return Bound(summary["at_least_seconds"], lower_bound=True)
    return None


def add_ratios(results: list[dict[str, Any]]) -> None:
    """Add compare/floor, HtmlDiff/compare and growth vs the previous size to each result."""
    previous: dict[str, Any] | None = None
    for result in results:
        compare = _time_of(result["compare"])
        floor = _time_of(result["floor"])
        htmldiff = _time_of(result["htmldiff"])
        ratios: dict[str, Any] = {}
        if compare and floor and not compare.lower_bound and not floor.lower_bound:
            ratios["compare_over_floor"] = compare.value / floor.value
        if compare and htmldiff and not compare.lower_bound:
            ratios["htmldiff_over_compare"] = htmldiff.value / compare.value
            ratios["htmldiff_over_compare_is_lower_bound"] = htmldiff.lower_bound
        if previous is not None:
            before = _time_of(previous["compare"])
            if compare and before and not before.lower_bound:
                ratios["growth"] = compare.value / before.value
                ratios["growth_is_lower_bound"] = compare.lower_bound
                ratios["growth_from_size"] = previous["size"]
        result["ratios"] = ratios
        previous = result


def evaluate_targets(
    results: list[dict[str, Any]], options: argparse.Namespace
) -> list[dict[str, Any]]:
    """Each target with its measured value and PASS / FAIL / SKIP / INCONCLUSIVE."""
    by_size = {r["size"]: r for r in results}
    targets: list[dict[str, Any]] = []

    def add(name: str, status: str, measured: str) -> None:
        targets.append({"target": name, "status": status, "measured": measured})

    large = by_size.get(TARGET_SIZE)
    name = f"time growth {GROWTH_FROM:,} -> {TARGET_SIZE:,} paragraphs <= {TARGET_GROWTH:g}x"
    small = by_size.get(GROWTH_FROM)
    if large is None or small is None:
        add(name, "SKIP", f"needs sizes {GROWTH_FROM} and {TARGET_SIZE}")
    else:
        big_t, small_t = _time_of(large["compare"]), _time_of(small["compare"])
        if big_t is None or small_t is None or small_t.lower_bound:
            add(name, "FAIL", "compare did not complete")
        else:
            growth = big_t.value / small_t.value
            passed = growth <= TARGET_GROWTH and not big_t.lower_bound
            shown = f"{'>' if big_t.lower_bound else ''}{growth:.1f}x"
            add(name, "PASS" if passed else "FAIL", shown)

    name = f"at {TARGET_SIZE:,}: HtmlDiff time / compare time >= {TARGET_VS_HTMLDIFF:g}"
    if large is None:
        add(name, "SKIP", f"needs size {TARGET_SIZE}")
    elif options.no_htmldiff:
        add(name, "SKIP", "--no-htmldiff")
    elif "htmldiff_over_compare" not in large["ratios"]:
        add(name, "FAIL", "compare or HtmlDiff did not complete")
    else:
        ratio = large["ratios"]["htmldiff_over_compare"]
        lower = large["ratios"]["htmldiff_over_compare_is_lower_bound"]
        shown = f"{'>' if lower else ''}{ratio:.1f}x" + (
            " (HtmlDiff cut off at the cap: lower bound)" if lower else ""
        )
        if ratio >= TARGET_VS_HTMLDIFF:
            add(name, "PASS", shown)
        else:
            add(name, "INCONCLUSIVE" if lower else "FAIL", shown)

    name = f"at {TARGET_SIZE:,}: compare time / floor time <= {TARGET_VS_FLOOR:g}"
    if large is None:
        add(name, "SKIP", f"needs size {TARGET_SIZE}")
    elif "compare_over_floor" not in large["ratios"]:
        add(name, "FAIL", "compare or floor did not complete")
    else:
        ratio = large["ratios"]["compare_over_floor"]
        add(name, "PASS" if ratio <= TARGET_VS_FLOOR else "FAIL", f"{ratio:.2f}x")

    name = f"peak memory of compare < {TARGET_PEAK_MB:g} MB (whole process, every size)"
    peaks = [(r["size"], r["compare"].get("peak_mb")) for r in results]
    if any(p is None for _, p in peaks) or not peaks:
        add(name, "FAIL", "compare did not complete at every size")
    else:
        size, worst = max(peaks, key=lambda sp: sp[1] or 0.0)
        add(name, "PASS" if worst < TARGET_PEAK_MB else "FAIL", f"{worst:.0f} MB at {size:,}")

    scored = [r["alignment"] for r in results]
    for metric, goal in (("precision", TARGET_PRECISION), ("recall", TARGET_RECALL)):
        name = f"alignment {metric} >= {goal:g} (links pooled over all sizes run)"
        if any(s is None for s in scored) or not scored:
            add(name, "FAIL", "compare did not complete at every size")
            continue
        correct = sum(s["correct_links"] for s in scored)
        denominator = "predicted_links" if metric == "precision" else "truth_links"
        total = sum(s[denominator] for s in scored)
        value = correct / total if total else 0.0
        worst = min(scored, key=lambda s: s[metric] if s[metric] is not None else 0.0)
        worst_size = results[scored.index(worst)]["size"]
        add(
            name,
            "PASS" if value >= goal else "FAIL",
            f"{value:.4f} (lowest single size: {worst[metric] or 0:.4f} at {worst_size:,})",
        )
    return targets


# ---------------------------------------------------------------------------------------
# Report


def _cell(value: Any, spec: str = "") -> str:
    if value is None:
        return "-"
    if isinstance(value, Bound):
        return str(value)
    return format(value, spec) if spec else str(value)


def _seconds(summary: dict[str, Any]) -> str:
    status = summary.get("status")
    if status == "ok":
        seconds = summary["seconds"]
        return f"{seconds:.4f}" if seconds < 10 else f"{seconds:.1f}"
    if status == "capped":
        return f"> {summary['at_least_seconds']:.1f} (cap)"
    return {"skipped": "skipped", "failed": "FAILED"}.get(status or "", "-")


def format_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    lines = ["  ".join(h.rjust(w) for h, w in zip(headers, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    for row in rows:
        lines.append("  ".join(c.rjust(w) for c, w in zip(row, widths, strict=True)))
    return "\n".join(lines)


def report(
    results: list[dict[str, Any]], targets: list[dict[str, Any]], meta: dict[str, Any]
) -> str:
    """The human-readable report printed on stdout."""
    out = [
        f"revtrack benchmark  seed {meta['seed']}  repeat {meta['repeat']}  "
        f"python {meta['python']}  {meta['cpus']} CPUs  {meta['when']}",
        f"engine {meta['engine']}; times are medians; ratios compare runs from this same run.",
        "",
    ]
    renderer_names = sorted({name for r in results for name in r.get("renderers", {})})
    headers = [
        "paragraphs", "compare s", "floor s", "HtmlDiff s", "compare/floor", "HtmlDiff/compare",
        "growth", "peak MB", "(+over base)", "precision", "recall",
    ]
    for name in renderer_names:
        headers += [f"{name} s", f"{name} KB"]
    rows = []
    for r in results:
        ratios = r["ratios"]
        growth = "-"
        if "growth" in ratios:
            growth = (
                f"{'>' if ratios['growth_is_lower_bound'] else ''}{ratios['growth']:.1f}x"
                f" (x{r['size'] / ratios['growth_from_size']:g} size)"
            )
        vs_html = "-"
        if "htmldiff_over_compare" in ratios:
            lower = ratios["htmldiff_over_compare_is_lower_bound"]
            vs_html = f"{'>' if lower else ''}{ratios['htmldiff_over_compare']:.1f}x"
        alignment = r["alignment"] or {}
        vs_floor = "compare_over_floor" in ratios
        row = [
            f"{r['size']:,}",
            _seconds(r["compare"]),
            _seconds(r["floor"]),
            _seconds(r["htmldiff"]),
            _cell(ratios.get("compare_over_floor"), ".2f") + ("x" if vs_floor else ""),
            vs_html,
            growth,
            _cell(r["compare"].get("peak_mb"), ".1f"),
            _cell(r["compare"].get("peak_over_baseline_mb"), "+.1f"),
            _cell(alignment.get("precision"), ".4f"),
            _cell(alignment.get("recall"), ".4f"),
        ]
        for name in renderer_names:
            data = r.get("renderers", {}).get(name)
            row += [
                _cell(data and data["seconds"], ".4f"),
                _cell(data and data["output_bytes"] / 1024, ".1f"),
            ]
        rows.append(row)
    out.append(format_table(headers, rows))
    out.append(
        "peak MB: peak resident memory of the compare worker process; (+over base): above "
        "its resident memory after imports and reading the inputs."
    )

    scored = [r for r in results if r["alignment"]]
    if scored:
        out += ["", "Alignment by edit type (links = ground-truth (old, new) links; "
                "kind = share labelled with the matching Kind; not a target):"]
        headers = ["edit type"]
        for r in scored:
            headers += [f"{r['size']:,}: links", "recall", "precision", "kind"]
        rows = []
        for kind in EDIT_TYPES:
            row = [kind]
            for r in scored:
                t = r["alignment"]["per_type"][kind]
                if kind in (ADDED, REMOVED):
                    row += [
                        f"{t['edits']} paras",
                        "n/a",
                        f"{t['predicted']} spurious",
                        _cell(t["kind"], ".3f"),
                    ]
                else:
                    row += [
                        str(t["truth"]),
                        _cell(t["recall"], ".3f"),
                        _cell(t["precision"], ".3f"),
                        _cell(t["kind"], ".3f"),
                    ]
            rows.append(row)
        out.append(format_table(headers, rows))

    out += ["", "Targets:"]
    width = max(len(t["target"]) for t in targets)
    for t in targets:
        out.append(f"  {t['status']:<12} {t['target']:<{width}}  {t['measured']}")
    return "\n".join(out)


# ---------------------------------------------------------------------------------------
# Command line


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=(
            "Benchmark revtrack compare() against the parse+tokenise floor and "
            "difflib.HtmlDiff on synthetic articles with known edits."
        )
    )
    parser.add_argument("--sizes", default=",".join(str(s) for s in DEFAULT_SIZES),
                        help="comma-separated paragraph counts (default: %(default)s)")
    parser.add_argument("--quick", action="store_true",
                        help=f"smoke run: sizes {','.join(map(str, QUICK_SIZES))} only")
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs per measurement; the median is reported (default: 3)")
    parser.add_argument("--htmldiff-large-repeat", type=int, default=None,
                        help="HtmlDiff runs above 3,000 paragraphs (default: as many as "
                             "--repeat; 1 saves time when HtmlDiff is slow)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED,
                        help="generator seed (default: %(default)s)")
    parser.add_argument("--htmldiff-cap", type=float, default=600.0,
                        help="seconds before a HtmlDiff run is cut off (default: 600)")
    parser.add_argument("--cap", type=float, default=1800.0,
                        help="seconds before a compare or floor run is cut off (default: 1800)")
    parser.add_argument("--no-htmldiff", action="store_true", help="do not time HtmlDiff")
    parser.add_argument("--engine", default=DEFAULT_ENGINE,
                        help="compare function to time, as module:callable (default: %(default)s)")
    parser.add_argument("--renderer", action="append", metavar="NAME=module:callable",
                        help="also time this renderer on the Comparison (repeatable)")
    parser.add_argument("--min-time", type=float, default=0.2,
                        help="repeat calls inside a run until this many seconds (default: 0.2)")
    parser.add_argument("--output", default=str(RESULTS_DIR / "latest.json"),
                        help="JSON results file (default: bench/results/latest.json)")
    parser.add_argument("--dump", metavar="DIR",
                        help="also write the generated pairs and their ground truth to DIR")
    parser.add_argument("--check", action="store_true",
                        help="exit with status 1 when a target FAILs")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--old", help=argparse.SUPPRESS)
    parser.add_argument("--new", help=argparse.SUPPRESS)
    options = parser.parse_args(argv)
    if options.quick:
        options.sizes = ",".join(map(str, QUICK_SIZES))
    try:
        options.size_list = sorted({int(s) for s in options.sizes.split(",") if s.strip()})
    except ValueError:
        parser.error(f"--sizes must be comma-separated integers, got {options.sizes!r}")
    if not options.size_list or min(options.size_list) < 1:
        parser.error("--sizes needs at least one positive size")
    if options.repeat < 1:
        parser.error("--repeat must be at least 1")
    return options


def _git_commit() -> str | None:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=REPO_ROOT, capture_output=True,
            text=True, timeout=10, check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None


def main(argv: Sequence[str] | None = None) -> int:
    options = parse_args(argv)
    if options.worker:
        sys.path.insert(0, str(REPO_ROOT))
        run_worker(options.worker, options.old, options.new, options)
        return 0

    meta = {
        "when": _dt.datetime.now().isoformat(timespec="seconds"),
        "seed": options.seed,
        "repeat": options.repeat,
        "sizes": options.size_list,
        "engine": options.engine,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "git_commit": _git_commit(),
        "htmldiff_cap_seconds": None if options.no_htmldiff else options.htmldiff_cap,
        "cap_seconds": options.cap,
        "min_time": options.min_time,
        "memory_source": "VmHWM" if Path("/proc/self/status").exists() else "ru_maxrss",
    }
    results = []
    with tempfile.TemporaryDirectory(prefix="revtrack-bench-") as tmp:
        for size in options.size_list:
            results.append(measure_size(size, options, Path(tmp)))
    add_ratios(results)
    targets = evaluate_targets(results, options)
    print(report(results, targets, meta))

    output = Path(options.output)
    output.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "meta": meta,
        "targets_definition": {
            "growth_max": TARGET_GROWTH, "growth_sizes": [GROWTH_FROM, TARGET_SIZE],
            "htmldiff_over_compare_min": TARGET_VS_HTMLDIFF,
            "compare_over_floor_max": TARGET_VS_FLOOR, "peak_mb_max": TARGET_PEAK_MB,
            "precision_min": TARGET_PRECISION, "recall_min": TARGET_RECALL,
            "at_size": TARGET_SIZE,
        },
        "results": results,
        "targets": targets,
    }
    output.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    print(f"\nJSON written to {output}")
    if options.check and any(t["status"] == "FAIL" for t in targets):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
