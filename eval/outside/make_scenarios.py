#!/usr/bin/env python3
"""Generate eval/outside/scenarios-outside.jsonl: 45 set-2 conversation scenarios
(9 per kind) for shared/eval/converse.mjs.

Every date and day count is computed here from `now` + `tz` (local calendar day, as in
shared/eval/DATES.md); texts are built from the computed dates, so nothing is done by hand.
Run: python3 make_scenarios.py  (writes the JSONL next to this file and validates it)
"""
import json
import os
import re
from datetime import datetime, date, timedelta
from zoneinfo import ZoneInfo

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "scenarios-outside.jsonl")
WINDOW = 30
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]

# ------------------------------------------------------------------ date helpers
def local_now(now, tz):
    return datetime.fromisoformat(now.replace("Z", "+00:00")).astimezone(ZoneInfo(tz))

def today_of(now, tz):
    return local_now(now, tz).date()

def ordn(n):
    if 10 <= n % 100 <= 20:
        suf = "th"
    else:
        suf = {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suf}"

def md(d):      # "March 3rd"
    return f"{MONTHS[d.month - 1]} {ordn(d.day)}"

def mdp(d):     # "March 3"
    return f"{MONTHS[d.month - 1]} {d.day}"

def dom(d):     # "the 3rd of March"
    return f"the {ordn(d.day)} of {MONTHS[d.month - 1]}"

def dmon(d):    # "3 March"
    return f"{d.day} {MONTHS[d.month - 1]}"

def recent(today, month, day):
    """Most recent occurrence of month/day not after today (DATES.md: no year given)."""
    d = date(today.year, month, day)
    return d if d <= today else date(today.year - 1, month, day)

def recent_dom(today, day):
    """Most recent `day` of a month not after today (day of month only)."""
    y, m = today.year, today.month
    while True:
        try:
            d = date(y, m, day)
            if d <= today:
                return d
        except ValueError:
            pass
        m -= 1
        if m == 0:
            y, m = y - 1, 12

def days(today, p):
    return (today - p).days

def within(today, p):
    return p <= today and days(today, p) <= WINDOW

def verdict(today, p):
    n = days(today, p)
    assert n >= 0, (today, p)
    return f"day {n} ({'within' if n <= WINDOW else 'outside'})"

def check_local_time(now, tz):
    """Keep each conversation safely inside one local calendar day (the harness runs the
    scenarios of one `now` one after another on a clock that starts at `now`)."""
    ln = local_now(now, tz)
    minutes_to_midnight = (24 * 60) - (ln.hour * 60 + ln.minute)
    assert minutes_to_midnight >= 60, f"{now} {tz}: local {ln} is too close to midnight"

# regex for the bot asking which detail to change (answer objects, `when`)
WHICH = (r"(which|what) (part|detail|field|item|information|info|one)|"
         r"what (needs|should|would you like|do you want|shall|must|can)( i| me| we)?( to)?( be)? ?(change|correct|fix|update|amend)|"
         r"what('s| is) (wrong|incorrect|not right)|what (is|was) the (correct|right|actual|new)")

NOWS = {
    "N1": "2026-01-09T15:20:00Z",
    "N2": "2026-02-03T21:45:00Z",
    "N3": "2026-03-15T02:30:00Z",
    "N4": "2026-04-07T13:10:00Z",
    "N5": "2026-05-02T18:40:00Z",
    "N6": "2026-05-28T09:05:00Z",
    "N7": "2026-06-19T16:55:00Z",
    "N8": "2026-07-06T23:30:00Z",
    "N9": "2026-08-11T12:00:00Z",
    "N10": "2026-09-02T20:15:00Z",
    "N11": "2026-09-30T07:45:00Z",
    "N12": "2026-10-14T17:25:00Z",
    "N13": "2026-11-02T04:50:00Z",
    "N14": "2026-12-08T14:35:00Z",
    "N15": "2026-12-30T22:10:00Z",
}

scenarios = []

def base(now_key, tz):
    now = NOWS[now_key]
    check_local_time(now, tz)
    return now, today_of(now, tz)

def outcome_gold(today, p, proof_ok=True, excl=None):
    """Policy outcome: exclusion > outside window > no proof > covered."""
    if excl:
        return {"outcome": "not_covered", "acceptable": ["needs_agent"], "reasons": ["excluded_condition"],
                "exclusions": excl, "conditionsInclude": excl}
    if not within(today, p):
        return {"outcome": "not_covered", "acceptable": [], "reasons": ["outside_warranty_period"]}
    if not proof_ok:
        return {"outcome": "awaiting_proof", "acceptable": ["needs_agent"], "reasons": ["no_proof_of_purchase"]}
    return {"outcome": "covered", "acceptable": []}

def add(kind, now, tz, persona, gold, note):
    sid = f"x{len(scenarios) + 1:03d}"
    scenarios.append({"id": sid, "category": kind, "now": now, "tz": tz, "persona": persona,
                      "gold": gold, "note": note})

FLOW = ["product", "purchaseDate", "proofType", "proofUpload", "problem", "conditions", "confirm"]

# ================================================================== 1. mixed_initiative
def mixed(now_key, tz, offset, opening_fn, *, notAsked, persona_fn, proof_ok=True, excl=None,
          extra_note="", explicit=None):
    now, today = base(now_key, tz)
    p = explicit(today) if explicit else today - timedelta(days=offset)
    persona = persona_fn(p, today)
    persona["opening"] = opening_fn(p, today)
    g = outcome_gold(today, p, proof_ok, excl)
    skipped = len([x for x in notAsked if x in FLOW])
    g.update({"purchaseDate": p.isoformat(), "requires": ["purchaseDate"], "notAsked": notAsked,
              "maxTurns": 1 + len(FLOW) - skipped + 2})
    note = (f"local today {today}, bought {p}: {verdict(today, p)}; {extra_note}; "
            f"notAsked = facts already given ({', '.join(notAsked)})")
    add("mixed_initiative", now, tz, persona, g, note)

# M1 everything but conditions in the opening, incl. a detailed problem
mixed("N1", "America/New_York", 12,
      lambda p, t: (f"Hello - the QT426 wireless camera I picked up at Best Buy on {md(p)} can't join my wifi "
                    f"any more: it was fine for a week, now the app just says 'device offline' and the status light "
                    f"blinks red. I still have the paper receipt."),
      notAsked=["product", "purchaseDate", "purchaseDateClarify", "proofType", "problem"],
      persona_fn=lambda p, t: {"product": "QT426 wireless camera", "purchase": md(p), "purchaseClarify": md(p),
                               "proof": "the paper receipt from Best Buy", "proofFile": "receipt.jpg",
                               "problem": "it can't connect to wifi, the light blinks red and the app says offline",
                               "conditions": "nope, nothing like that", "email": "dana.r@example.com"},
      extra_note="model, store, date (month-day, last year's December), receipt in hand and a detailed problem all in the opening")

# M2 several facts in the answer to the product question
mixed("N3", "Asia/Tokyo", 13, lambda p, t: "hi, I need to make a claim on something I bought",
      notAsked=["purchaseDate", "purchaseDateClarify", "proofType"],
      persona_fn=lambda p, t: {"product": (f"a QC-N8019B NVR, I ordered it from Amazon on {md(p)} "
                                           f"and I've got the order confirmation email"),
                               "purchase": md(p), "purchaseClarify": md(p),
                               "proof": "the Amazon order confirmation", "proofFile": "order-confirmation.pdf",
                               "problem": "the NVR won't detect any of the cameras after a reboot",
                               "conditions": "no", "email": "k.sato@example.jp"},
      extra_note="date and proof kind (order confirmation) given in the answer to the product question")

# M3 outside the window, everything in the opening
mixed("N6", "Europe/Madrid", 38,
      lambda p, t: (f"My 8 channel DVR from MediaMarkt, bought on {dmon(p)}, has shown 'No HDD' on boot since "
                    f"yesterday. I've got the invoice."),
      notAsked=["product", "purchaseDate", "purchaseDateClarify", "proofType"],
      persona_fn=lambda p, t: {"product": "8 channel DVR", "purchase": dmon(p), "purchaseClarify": dmon(p),
                               "proof": "the MediaMarkt invoice", "proofFile": "invoice.pdf",
                               "problem": "it says No HDD when it boots and records nothing",
                               "conditions": "no, nothing of the sort", "email": "lucia.m@example.es"},
      extra_note="product description, store, date (day-month), invoice in the opening; outside the window")

# M4 a plainly stated accident in the opening
mixed("N8", "America/New_York", 6,
      lambda p, t: (f"Bought a QTH8052D camera at Costco on {md(p)}, receipt in hand - but while I was mounting it "
                    f"I dropped it off the ladder onto the driveway and now the lens is cracked and it won't power up."),
      notAsked=["product", "purchaseDate", "purchaseDateClarify", "proofType"],
      persona_fn=lambda p, t: {"product": "QTH8052D", "purchase": md(p), "purchaseClarify": md(p),
                               "proof": "the Costco receipt", "proofFile": "receipt.jpg",
                               "problem": "the lens is cracked and it won't power up after I dropped it",
                               "conditions": "just the drop off the ladder", "email": "mike.t@example.com"},
      excl=["accident", "misuse"],
      extra_note="an accident (dropped from the ladder) stated plainly in the opening -> not_covered/excluded_condition, a hand-off tolerated")

# M5 several facts in the answer to the date question
mixed("N10", "America/Phoenix", 18, lambda p, t: "my camera stopped working, can you help",
      notAsked=["proofType"],
      persona_fn=lambda p, t: {"product": "QT5682",
                               "purchase": f"I got it at Home Depot on {md(p)}, and yes, I kept the receipt",
                               "purchaseClarify": md(p),
                               "proof": "the Home Depot receipt", "proofFile": "receipt.png",
                               "problem": "the image is completely black day and night",
                               "conditions": "no, none", "email": "rosa.g@example.com"},
      extra_note="store and receipt (proof kind, has it) volunteered in the answer to the date question")

# M6 proof lost, said in the opening
mixed("N11", "Europe/London", 9,
      lambda p, t: (f"Hi. My QCN8001B camera from Argos, bought on {dom(p)}, has gone fuzzy and keeps losing focus. "
                    f"Sadly I've lost the receipt and I paid cash."),
      notAsked=["product", "purchaseDate", "purchaseDateClarify"],
      persona_fn=lambda p, t: {"product": "QCN8001B", "purchase": dom(p), "purchaseClarify": dom(p),
                               "proof": "like I said, I lost the receipt and paid cash, so there's nothing",
                               "proofUploadText": "I can't, I have nothing to upload",
                               "problem": "the picture is fuzzy and it keeps losing focus",
                               "conditions": "no", "email": "g.hughes@example.co.uk"},
      proof_ok=False,
      extra_note="product, store, date in the opening; proof lost (paid cash) -> awaiting_proof, a hand-off tolerated")

# M7 relative date + order email in the opening
mixed("N13", "America/Denver", 21,
      lambda p, t: ("I bought my QTN8086B three weeks ago from Walmart.com and I have the order email. "
                    "It reboots by itself every ten minutes or so."),
      notAsked=["product", "purchaseDate", "purchaseDateClarify", "proofType", "problem"],
      persona_fn=lambda p, t: {"product": "QTN8086B", "purchase": "three weeks ago", "purchaseClarify": "three weeks ago",
                               "proof": "the Walmart order confirmation email", "proofFile": "order.png",
                               "problem": "it reboots on its own about every ten minutes",
                               "conditions": "nope", "email": "jkowalski@example.net"},
      extra_note="relative date 'three weeks ago' = today - 21 (local today is the day DST ended)")

# M8 product answer with model, store, date, invoice; day 29
mixed("N14", "America/Los_Angeles", 29, lambda p, t: "good morning, I have a faulty outdoor camera",
      notAsked=["purchaseDate", "purchaseDateClarify", "proofType"],
      persona_fn=lambda p, t: {"product": (f"an outdoor bullet camera, the QT5682 - my wife ordered it from Newegg on "
                                           f"{md(p)} and we have the invoice as a PDF"),
                               "purchase": md(p), "purchaseClarify": md(p),
                               "proof": "the Newegg invoice", "proofFile": "newegg-invoice.pdf",
                               "problem": "the night vision doesn't work, the picture is black after dark",
                               "conditions": "no, nothing like that happened", "email": "pat.nguyen@example.com"},
      extra_note="product, store, date and invoice in one answer to the product question; near the boundary")

# M9 unambiguous numeric date in the opening, outside
mixed("N15", "Pacific/Honolulu", 0,
      lambda p, t: (f"Aloha, I have a QC908 DVR I bought {p.month}/{p.day} at a local electronics store. "
                    f"Got the receipt. The fan is grinding really loudly and the video stutters."),
      notAsked=["product", "purchaseDate", "purchaseDateClarify", "proofType", "problem"],
      persona_fn=lambda p, t: {"product": "QC908", "purchase": f"{p.month}/{p.day}", "purchaseClarify": md(p),
                               "proof": "the store receipt", "proofFile": "receipt.jpg",
                               "problem": "the fan grinds loudly and recorded video stutters",
                               "conditions": "no", "email": "kalani@example.org"},
      explicit=lambda t: recent(t, 11, 27),
      extra_note="'11/27' has a single reading (27 > 12); outside the window")

# ================================================================== 2. restated_intent
def restated(now_key, tz, p_fn, product, excludes, includes, *, opening, purchase, proof, proofFile=None,
             proofUploadText=None, problem, conditions="no", email, extra_note=""):
    now, today = base(now_key, tz)
    p = p_fn(today)
    persona = {"opening": opening, "product": product, "purchase": purchase(p), "purchaseClarify": purchase(p),
               "proof": proof, "problem": problem, "conditions": conditions, "email": email}
    if proofFile:
        persona["proofFile"] = proofFile
    if proofUploadText:
        persona["proofUploadText"] = proofUploadText
    g = outcome_gold(today, p, proof_ok=bool(proofFile))
    if g["outcome"] == "awaiting_proof":
        g["acceptable"] = []  # proof exists, just no digital copy yet: the bot can decide this itself
    g.update({"purchaseDate": p.isoformat(), "requires": ["purchaseDate"], "productIncludes": includes,
              "productExcludes": excludes, "maxTurns": 8 + (len(product) - 1) + 3})
    nonprod = " / ".join(f'"{x}"' for x in product[:-1])
    note = (f"local today {today}, bought {p}: {verdict(today, p)}; at the product question the customer first says "
            f"{nonprod} (not a product), then the product: {includes} must be the product, the restatement must not"
            + (f"; {extra_note}" if extra_note else ""))
    add("restated_intent", now, tz, persona, g, note)

restated("N1", "Europe/London", lambda t: t - timedelta(days=7),
         ["like I said, it's broken", "It's a QT426"], ["like I said", "its broken"], "QT426",
         opening="Hi, I need to make a warranty claim, mine has packed in",
         purchase=lambda p: dom(p), proof="a receipt", proofFile="receipt.jpg",
         problem="no picture at all, the app just spins", email="o.bennett@example.co.uk")
restated("N2", "America/Chicago", lambda t: t - timedelta(days=12),
         ["I just want it fixed, it's been a week with no recordings", "QTN8086B NVR"],
         ["just want it fixed", "no recordings"], "QTN8086B",
         opening="I need a warranty replacement",
         purchase=lambda p: md(p), proof="I have the receipt from Micro Center", proofFile="receipt.pdf",
         problem="it hasn't saved a single recording for a week, the playback list is empty",
         email="t.okafor@example.com")
restated("N3", "America/Los_Angeles", lambda t: t - timedelta(days=32),
         ["it's for my home system", "the QC908 8 channel DVR"], ["home system"], "QC908",
         opening="hey, I want to claim on my warranty",
         purchase=lambda p: md(p), proof="the invoice", proofFile="invoice.pdf",
         problem="channels 3 and 4 show no video", email="ben.c@example.com",
         extra_note="local today is the UTC day before (evening in Los Angeles)")
restated("N4", "Europe/Berlin", lambda t: t - timedelta(days=8),
         ["I already told you what I want: a warranty claim", "QTH8052D dome camera"], ["warranty claim", "already told you"],
         "QTH8052D",
         opening="Hello, I'd like to file a claim for a faulty item",
         purchase=lambda p: dmon(p), proof="order confirmation from the online shop", proofFile="order.pdf",
         problem="the infrared LEDs stay off so night images are black", email="f.wagner@example.de")
restated("N5", "America/Anchorage", lambda t: t - timedelta(days=31),
         ["ugh, does it matter? it just doesn't work", "outdoor bullet camera, model QT5682"], ["does it matter", "doesnt work"],
         "QT5682",
         opening="I need to use the warranty and I'm not thrilled about it",
         purchase=lambda p: md(p), proof="receipt", proofFile="receipt.jpg",
         problem="it doesn't power on, no lights", email="sam.k@example.com",
         extra_note="mild annoyance only (no hand-off trigger); day 31 is one day past the window")
restated("N7", "Asia/Kolkata", lambda t: t - timedelta(days=16),
         ["I want it replaced or repaired, whichever is faster", "QCN8001B"], ["replaced or repaired", "whichever is faster"],
         "QCN8001B",
         opening="hello, something I bought recently is defective",
         purchase=lambda p: dom(p), proof="the invoice from the shop", proofFile="invoice.jpg",
         problem="the video keeps freezing every few seconds", email="priya.v@example.in")
restated("N9", "America/Toronto", lambda t: t - timedelta(days=22),
         ["like I said, it stopped working", "I just want it working again!", "an 8-channel DVR"],
         ["like I said", "working again"], "8 channel DVR",
         opening="something of mine quit on me, I need the warranty",
         purchase=lambda p: md(p), proof="an invoice", proofFile="invoice.pdf",
         problem="it stopped working, the screen says no signal", email="m.tremblay@example.ca",
         extra_note="two non-product answers before the product (a description, no model); a third misunderstanding would be needed for a hand-off")
restated("N12", "America/Sao_Paulo", lambda t: t - timedelta(days=15),
         ["it's the one I bought from your website", "QC-N8019B"], ["your website", "one i bought"], "QCN8019B",
         opening="boa tarde, I have a defective purchase and need the warranty",
         purchase=lambda p: md(p), proof="the order confirmation email",
         proofUploadText="I can't open my email on this computer, I'll send it tonight",
         problem="the NVR beeps constantly and shows a network error", email="rafael.s@example.com.br",
         extra_note="order confirmation exists but not uploaded now -> awaiting_proof")
restated("N15", "America/Halifax", lambda t: t - timedelta(days=18),
         ["seriously? I just need this sorted", "QTN8086B"], ["need this sorted", "seriously"], "QTN8086B",
         opening="I've got a broken item from you folks",
         purchase=lambda p: md(p), proof="the receipt", proofFile="receipt.png",
         problem="the hard drive light is on but nothing is being recorded", email="c.macleod@example.ca")

# ================================================================== 3. out_of_order
def ooo(now_key, tz, offset, *, opening, product, purchase, proof, problem, conditions="no",
        proofFile=None, proofUploadText=None, email, excl=None, no_proof=False, what, tolerate_agent=False,
        explicit=None):
    now, today = base(now_key, tz)
    p = explicit(today) if explicit else today - timedelta(days=offset)
    fill = lambda x: [s.format(md=md(p), dom=dom(p), dmon=dmon(p)) for s in x] if isinstance(x, list) else x
    persona = {"opening": opening, "product": fill(product), "purchase": fill(purchase),
               "purchaseClarify": [fill(purchase)[-1]] if isinstance(purchase, list) else purchase,
               "proof": fill(proof), "problem": problem, "conditions": conditions, "email": email}
    if proofFile:
        persona["proofFile"] = proofFile
    if proofUploadText:
        persona["proofUploadText"] = proofUploadText
    g = outcome_gold(today, p, proof_ok=not no_proof, excl=excl)
    if tolerate_agent and "needs_agent" not in g["acceptable"]:
        g["acceptable"] = g["acceptable"] + ["needs_agent"]
    g.update({"purchaseDate": p.isoformat(), "requires": ["purchaseDate"], "maxTurns": 12})
    note = f"local today {today}, bought {p}: {verdict(today, p)}; {what}"
    add("out_of_order", now, tz, persona, g, note)

ooo("N1", "America/Chicago", 10, opening="my QT426 won't record motion events any more", product="QT426",
    purchase=["honestly I threw the receipt away, sorry", "{md}"],
    proof=["no - I told you, I tossed it", "I don't have any proof at all"],
    proofUploadText="I don't have anything to upload", problem="motion events are never recorded",
    email="h.lindqvist@example.com", no_proof=True,
    what="receipt thrown away said at the date question, the date on the re-ask; no proof at all -> awaiting_proof, a hand-off tolerated")
ooo("N2", "Europe/Berlin", 14, opening="Hi, my QT5682 has stopped sending video", product="QT5682",
    purchase=["{md}"],
    proof=["one thing I should mention: I spray-painted the housing black so it matches the gutter",
           "I have the receipt"],
    proofFile="receipt.jpg", problem="no video reaches the recorder", conditions="only the paint, nothing else",
    email="j.becker@example.de", excl=["painted", "modification"],
    what="painted housing stated plainly at the proof question -> not_covered/excluded_condition (hand-off tolerated; the condition must reach the claim)")
ooo("N5", "Europe/London", 12, opening="My QC908 recorder is dead", product="QC908", purchase=["{dmon}"],
    proof=["I should say it got fried by a power surge when lightning hit the house", "I've got the invoice"],
    proofFile="invoice.pdf", problem="completely dead, no lights, no fan",
    conditions="just the surge from the lightning", email="e.clarke@example.co.uk", excl=["power_surge"],
    what="power surge (lightning) stated plainly at the proof question -> not_covered/excluded_condition (hand-off tolerated)")
ooo("N6", "Asia/Tokyo", 13, opening="Hello, something I bought from you is faulty",
    product="QCN8001B", purchase=["I got it at Yodobashi Camera in Shinjuku", "{dom}"],
    proof="the shop receipt", proofFile="receipt.jpg", problem="the picture has a purple tint all the time",
    email="y.tanaka@example.jp",
    what="the store instead of the date at the date question, the date on the re-ask -> covered")
ooo("N8", "America/Los_Angeles", 21, opening="hi, need help with a recorder",
    product=["bought it three weeks ago and it already won't boot", "QTN8086B"],
    purchase=["three weeks ago"], proof="I have the Best Buy receipt", proofFile="receipt.png",
    problem="it won't boot, stuck on the logo", email="d.ramirez@example.com",
    what="the date (three weeks ago = today - 21) and the problem given at the product question, the product on the re-ask -> covered")
ooo("N8", "Europe/Berlin", 9, opening="My QT426 camera won't start up anymore", product="QT426", purchase=["{dom}"],
    proof=["heads up, I flashed custom firmware from a forum onto it, that's when it stopped booting",
           "I have the order confirmation"],
    proofFile="order.pdf", problem="it doesn't boot any more", conditions="only the firmware I installed",
    email="n.schulz@example.de", excl=["modification", "tampering"],
    what="third-party firmware (software modification) stated plainly at the proof question -> not_covered/excluded_condition (hand-off tolerated)")
ooo("N11", "America/New_York", 18, opening="Hi there, my new dome camera has a problem", product="QTH8052D",
    purchase=["it slipped out of my hands and hit the concrete while I was installing it", "{md}"],
    proof="the receipt", proofFile="receipt.jpg", problem="the picture flickers and there's a rattle inside",
    conditions="only that drop", email="a.osei@example.com", excl=["accident", "misuse"],
    what="a drop onto concrete stated plainly at the date question, the date on the re-ask -> not_covered/excluded_condition (hand-off tolerated)")
ooo("N13", "Australia/Sydney", 39, opening="G'day, my QC908 DVR keeps dropping cameras", product="QC908",
    purchase=["the receipt's gone, I'm afraid", "{dom}"],
    proof=["as I said, it's gone", "no proof, sorry"], proofUploadText="there's nothing I can send",
    problem="cameras drop off the display every hour or so", email="liam.w@example.com.au",
    no_proof=True, tolerate_agent=True,
    what="receipt gone said at the date question; the date is outside the window, which the policy decides -> not_covered/outside_warranty_period (a hand-off tolerated as for no proof)")
ooo("N14", "America/Denver", 8, opening="My indoor camera stopped working", product="QCN8001B indoor camera",
    purchase=["{md}"],
    proof=["before I forget, it got soaked when a pipe burst above the basement ceiling", "the receipt"],
    proofFile="receipt.jpg", problem="it won't turn on since then", conditions="just the water from the pipe",
    email="r.hoffman@example.com", excl=["accident", "unsuitable_environment", "misuse"],
    what="water damage (indoor camera soaked by a burst pipe) stated plainly at the proof question -> not_covered/excluded_condition (hand-off tolerated)")

# ================================================================== 4. clarify_replies
def clarify(now_key, tz, m, d, written, target_pos, reply, explicit_reply, *, product, opening, proof, proofFile,
            problem, email, how, alt=None):
    """written: the numeric text; (m, d) its m/d reading; target_pos: 'md' or 'dm' (the one meant),
    or alt=date function for 'neither'."""
    now, today = base(now_key, tz)
    r_md = recent(today, m, d)
    r_dm = recent(today, d, m)
    # numeric year given: take it literally
    ym = re.fullmatch(r"\d{1,2}/\d{1,2}/(\d{2}|\d{4})", written)
    if ym:
        yy = int(ym.group(1)) % 100 + 2000
        r_md, r_dm = date(yy, m, d), date(yy, d, m)
    assert m <= 12 and d <= 12 and m != d
    for r in (r_md, r_dm):
        assert r <= today, (written, r, today)
    assert within(today, r_md) != within(today, r_dm), (written, r_md, r_dm, today)
    p = alt(today) if alt else (r_md if target_pos == "md" else r_dm)
    if isinstance(reply, dict):
        reply = dict(reply, choose=p.isoformat(), otherwise=explicit_reply(p))
    persona = {"opening": opening, "product": product, "purchase": [written, explicit_reply(p)],
               "replies": {"purchaseDateClarify": [reply, explicit_reply(p)]},
               "proof": proof, "proofFile": proofFile, "problem": problem, "conditions": "no", "email": email}
    g = outcome_gold(today, p)
    g.update({"purchaseDate": p.isoformat(), "requires": ["purchaseDate"],
              "maxAsks": {"purchaseDateClarify": 1, "purchaseDate": 1}, "maxTurns": 12})
    lo, hi = sorted([r_md, r_dm])
    note = (f"local today {today}; '{written}' = {lo} (day {days(today, lo)}) or {hi} (day {days(today, hi)}), "
            f"one reading on each side of the window; the reply {how} -> {p}: {verdict(today, p)}")
    add("clarify_replies", now, tz, persona, g, note)

clarify("N4", "America/Chicago", 4, 2, "4/2", "md", "the April date", md, product="QT5682",
        opening="hello, my QT5682 keeps losing its wifi connection", proof="receipt", proofFile="receipt.jpg",
        problem="it drops off wifi every few minutes", email="v.ortiz@example.com", how="'the April date' (month name)")
clarify("N7", "Europe/London", 6, 5, "6/5/2026", "md",
        {"first": "the first option", "second": "the second option"}, md, product="QC908",
        opening="Hi, there's a fault with my QC908", proof="the invoice", proofFile="invoice.pdf",
        problem="the mouse and front buttons stopped responding", email="s.patel@example.co.uk",
        how="by position, scripted with `choose` so it names the right reading whatever the bot's order")
clarify("N10", "America/Los_Angeles", 8, 7, "8/7", "dm", "it was the July one", md, product="QTN8086B",
        opening="my QTN8086B has an issue", proof="the receipt", proofFile="receipt.png",
        problem="it forgets its settings every time it restarts", email="g.alvarez@example.com",
        how="'it was the July one' (month)")
clarify("N12", "Asia/Tokyo", 10, 9, "10/9", "md", "the 9th of October", dom, product="QT426",
        opening="good evening, my QT426 has a dead microphone", proof="the order confirmation", proofFile="order.png",
        problem="the audio is silent even though the mic is enabled", email="h.mori@example.jp",
        how="'the 9th of October' (full date); local today is the UTC day after")
clarify("N14", "Europe/Berlin", 11, 10, "11/10", "md", "the later one", md, product="QTH8052D",
        opening="Hi, my QTH8052D camera shows a blurry image", proof="receipt", proofFile="receipt.jpg",
        problem="everything is blurry even after cleaning the dome", email="k.richter@example.de",
        how="'the later one' (order in time, not in the bot's list)")
clarify("N5", "America/New_York", 4, 3, "4/3", None, "neither, it was the 5th - I typed it wrong",
        lambda d: md(d), product="QCN8001B",
        opening="Hey, my QCN8001B keeps disconnecting", proof="the receipt", proofFile="receipt.jpg",
        problem="it goes offline every night around midnight", email="j.fitzgerald@example.com",
        how="'neither, it was the 5th' (a third date; day of month only = the most recent 5th, also the month the customer typed)",
        alt=lambda t: recent_dom(t, 5))
clarify("N2", "America/Denver", 1, 2, "1/2", "md",
        {"first": "the first date", "second": "the second date"}, md, product="QC-N8019B",
        opening="my QC-N8019B recorder isn't working right", proof="an invoice", proofFile="invoice.pdf",
        problem="playback freezes and the timeline is blank", email="w.chen@example.com",
        how="by position, scripted with `choose` (the earlier reading is meant)")
clarify("N9", "Australia/Sydney", 7, 8, "7/8/26", "md", "the earlier one", md, product="QT5682",
        opening="Hi, one of my QT5682 cameras has a foggy picture", proof="receipt from JB Hi-Fi", proofFile="receipt.jpg",
        problem="the image looks foggy all day", email="c.nguyen@example.com.au",
        how="'the earlier one' (order in time)")
clarify("N15", "Pacific/Auckland", 12, 1, "12/1", "md", "December the 1st", md, product="an outdoor bullet camera",
        opening="Kia ora, my outdoor bullet camera stopped recording", proof="the receipt", proofFile="receipt.jpg",
        problem="it stopped recording to the NVR", email="a.ngata@example.co.nz",
        how="'December the 1st'; day 30 is the last covered day (local today is the UTC day after)")

# ================================================================== 5. corrections_later
def confirm_date(correction, p, says_which, says_no):
    iso = p.isoformat()
    return [correction,
            {"mentions": iso, "say": "yes", "otherwise": {"when": WHICH, "say": says_which, "otherwise": says_no}},
            {"mentions": iso, "say": "yes", "otherwise": {"when": WHICH, "say": says_which, "otherwise": "yes"}}]

def correction_date(now_key, tz, first_fn, final_fn, first_text, correction, final_text, *, opening, product, proof,
                    proofFile, problem, email, how):
    now, today = base(now_key, tz)
    p0, p = first_fn(today), final_fn(today)
    ft, ct, fin = first_text(p0), correction(p0, p), final_text(p)
    persona = {"opening": opening, "product": product, "purchase": [ft, fin], "purchaseClarify": [fin],
               "proof": proof, "proofFile": proofFile, "problem": problem, "conditions": "no", "email": email,
               "confirm": confirm_date(ct, p, f"the purchase date - it was {fin}", f"no, the purchase date should be {fin}")}
    g = outcome_gold(today, p)
    g.update({"purchaseDate": p.isoformat(), "requires": ["purchaseDate"], "maxAsks": {"purchaseDate": 1},
              "maxTurns": 13})
    note = (f"local today {today}; first '{ft}' = {p0} ({verdict(today, p0)}), corrected at the confirmation "
            f"('{ct}') to {p} ({verdict(today, p)}); {how}; the correction carries the new date, so it is used, "
            f"not asked again; the customer says yes once the summary names {p}")
    add("corrections_later", now, tz, persona, g, note)

correction_date("N6", "Europe/Berlin", lambda t: date(t.year, t.month, 20), lambda t: date(t.year, t.month, 2),
                md, lambda a, b: "hold on, it was the 2nd not the 20th", md,
                opening="Guten Tag, my QT426 camera keeps rebooting", product="QT426", proof="receipt",
                proofFile="receipt.jpg", problem="it reboots every few minutes", email="m.braun@example.de",
                how="day-only correction inside the same month (context and day-of-month reading agree)")
correction_date("N4", "America/New_York", lambda t: date(t.year, 3, 3), lambda t: date(t.year, 3, 30),
                md, lambda a, b: f"oops, wrong date: {mdp(b)}", md,
                opening="My QC908 DVR has no video output", product="QC908", proof="the invoice",
                proofFile="invoice.pdf", problem="nothing shows on the monitor through HDMI or VGA",
                email="l.franklin@example.com",
                how="the first date was outside, the corrected one inside")
correction_date("N3", "Asia/Tokyo", lambda t: t - timedelta(days=7), lambda t: t - timedelta(days=42),
                lambda d: "a week ago", lambda a, b: "sorry I meant six weeks ago", lambda d: "six weeks ago",
                opening="hello, my QTN8086B has a problem", product="QTN8086B", proof="order confirmation",
                proofFile="order.pdf", problem="the HDMI output flickers constantly", email="r.ito@example.jp",
                how="relative correction: six weeks = 42 days")
correction_date("N10", "Europe/Madrid", lambda t: t - timedelta(days=8), lambda t: recent(t, 8, 5),
                md, lambda a, b: f"no wait - {dom(b)}, not the {ordn(a.day)}. I misread the receipt", md,
                opening="Hola, my QT5682 camera has a problem", product="QT5682", proof="the receipt",
                proofFile="receipt.jpg", problem="the picture goes pink during the day", email="p.ruiz@example.es",
                how="both dates inside the window: only the stored date shows whether the correction was applied")
correction_date("N12", "Australia/Sydney", lambda t: recent(t, 9, 8), lambda t: recent(t, 10, 8),
                md, lambda a, b: f"the date's wrong by a month: it was {mdp(b)}, not {mdp(a)}", md,
                opening="Hi, my QCN8001B stopped working", product="QCN8001B", proof="the receipt",
                proofFile="receipt.png", problem="no image and the status light stays off", email="t.walsh@example.com.au",
                how="the first date was outside, the corrected one inside; local today is the UTC day after")
correction_date("N14", "Asia/Kolkata", lambda t: t - timedelta(days=29), lambda t: t - timedelta(days=31),
                md, lambda a, b: f"sorry, I misremembered - it was {dom(b)}, two days earlier", dom,
                opening="Namaste, my 8 channel DVR is giving trouble", product="8 channel DVR", proof="invoice",
                proofFile="invoice.pdf", problem="it beeps and shows a disk error", email="a.iyer@example.in",
                how="boundary: day 29 corrected to day 31")

# product corrections
def correction_product(now_key, tz, offset, old, new, correction, *, opening, proof, proofFile, problem, email):
    now, today = base(now_key, tz)
    p = today - timedelta(days=offset)
    loose = lambda m: re.sub(r"^([A-Z]+)", r"\1[- ]?", m)
    stale = rf"^(?![\s\S]*{loose(new)})[\s\S]*{loose(old)}"   # shows the old model but not the new one
    persona = {"opening": opening, "product": [old, f"the {new}"], "purchase": md(p), "purchaseClarify": md(p),
               "proof": proof, "proofFile": proofFile, "problem": problem, "conditions": "no", "email": email,
               "confirm": [correction,
                           {"when": stale, "say": f"no - the model is the {new}, not the {old}",
                            "otherwise": {"when": WHICH, "say": f"the product: it's the {new}", "otherwise": "yes"}},
                           {"when": WHICH, "say": f"the product: it's the {new}", "otherwise": "yes"}]}
    g = outcome_gold(today, p)
    g.update({"purchaseDate": p.isoformat(), "requires": ["purchaseDate"], "productIncludes": new,
              "productExcludes": [old], "maxTurns": 13})
    note = (f"local today {today}, bought {p}: {verdict(today, p)}; at the confirmation the customer corrects the "
            f"product {old} -> {new}; the claim must hold {new} and no longer {old}; the customer repeats the "
            f"correction while the confirm question still shows {old} only, else says yes")
    add("corrections_later", now, tz, persona, g, note)

correction_product("N7", "America/Chicago", 13, "QT5682", "QT426", "actually it's the QT426 not the QT5682",
                   opening="one of my cameras stopped streaming to the app", proof="the receipt",
                   proofFile="receipt.jpg", problem="the live view never loads in the app", email="b.harris@example.com")
correction_product("N13", "America/Phoenix", 12, "QTN8086B", "QTH8052D",
                   "wait, wrong model - it's the QTH8052D, the QTN8086B is a different unit I own",
                   opening="I have a faulty unit to report", proof="an invoice", proofFile="invoice.pdf",
                   problem="the unit freezes after an hour and needs unplugging", email="s.yazzie@example.com")

# proof found after all
def correction_proof(now_key, tz, offset):
    now, today = base(now_key, tz)
    p = today - timedelta(days=offset)
    missing = (r"(\bno\b|without|missing|awaiting|pending|not (yet )?(provided|uploaded|received|available))[^.?!\n]*"
               r"(proof|receipt)|(proof|receipt)[^.?!\n]*(missing|none|not (yet )?(provided|uploaded|received|available)|pending|later|lost)")
    persona = {"opening": "my QT5682 camera's picture keeps freezing", "product": "QT5682",
               "purchase": md(p), "purchaseClarify": md(p),
               "proof": ["I had a receipt but I can't lay my hands on it at the moment",
                         "the receipt - I found it"],
               "proofFile": "receipt.jpg", "proofUploadText": "I'll send it once I find it",
               "problem": "the live picture freezes for minutes at a time", "conditions": "no",
               "email": "f.dawson@example.co.uk",
               "confirm": ["hang on, I've just found the receipt in a kitchen drawer - can I send it now?",
                           {"when": missing, "say": "I've found the receipt, I can upload it now", "otherwise": "yes"},
                           "yes"]}
    g = outcome_gold(today, p)
    g.update({"purchaseDate": p.isoformat(), "requires": ["purchaseDate"], "maxTurns": 14})
    note = (f"local today {today}, bought {p}: {verdict(today, p)}; the receipt could not be found at the proof "
            f"question, found at the confirmation: the bot asks for it (proofType and/or proofUpload; the harness "
            f"sends receipt.jpg at the first proofUpload) -> covered. If the bot asked for the upload right after the "
            f"first proof answer the file arrives then, and the outcome is the same")
    add("corrections_later", now, tz, persona, g, note)

correction_proof("N9", "Europe/London", 14)

# ------------------------------------------------------------------ fix-ups and checks
ORDER = ["mixed_initiative", "restated_intent", "out_of_order", "clarify_replies", "corrections_later"]
scenarios.sort(key=lambda s: (ORDER.index(s["category"]), int(s["id"][1:])))
for i, s in enumerate(scenarios, 1):
    s["id"] = f"x{i:03d}"

PROMPTS = {"menu", "product", "purchaseDate", "purchaseDateClarify", "proofType", "proofUpload", "problem",
           "conditions", "confirm", "email", "csat", "csatComment"}
PERSONA_KEYS = {"opening", "product", "productRetry", "purchase", "purchaseRetry", "purchaseClarify",
                "purchaseClarifyRetry", "proof", "proofRetry", "proofFile", "proofRetryFile", "proofUploadText",
                "problem", "problemRetry", "conditions", "conditionsRetry", "confirm", "email", "csat", "csatComment",
                "menu", "interjections", "wantsHumanAt", "fallback", "replies"}
GOLD_KEYS = {"outcome", "acceptable", "reasons", "exclusions", "handoffReason", "purchaseDate", "botSays",
             "maxTurns", "notAsked", "maxAsks", "productIncludes", "productExcludes", "conditionsInclude", "requires"}
EXCL = {"misuse", "accident", "modification", "cut_cables", "painted", "coated_wires", "tampering",
        "unsuitable_environment", "improper_maintenance", "incorrect_power_supply", "power_surge",
        "non_qsee_product", "data_loss"}
OUTCOMES = {"covered", "not_covered", "awaiting_proof", "needs_agent", None}
REASONS = {"outside_warranty_period", "excluded_condition", "no_proof_of_purchase"}

def walk_entries(e):
    """Check answer entries: strings or answer objects with only known keys; regexes compile."""
    if isinstance(e, list):
        for x in e:
            walk_entries(x)
        return
    if isinstance(e, str):
        assert not re.search(r"\{(md|dom|dmon)\}", e), e
        return
    assert isinstance(e, dict), e
    assert set(e) <= {"when", "mentions", "say", "otherwise", "choose", "first", "second"}, e
    if "when" in e:
        re.compile(e["when"], re.I)
    if "mentions" in e:
        date.fromisoformat(e["mentions"])
    if "choose" in e:
        date.fromisoformat(e["choose"])
        assert "first" in e and "second" in e
    for k in ("say", "otherwise"):
        if k in e:
            walk_entries(e[k])

def validate(s):
    assert set(s) == {"id", "category", "now", "tz", "persona", "gold", "note"}
    assert re.fullmatch(r"2026-\d\d-\d\dT\d\d:\d\d:\d\dZ", s["now"])
    ZoneInfo(s["tz"])
    per, g = s["persona"], s["gold"]
    assert set(per) <= PERSONA_KEYS, set(per) - PERSONA_KEYS
    assert set(g) <= GOLD_KEYS, set(g) - GOLD_KEYS
    for k in ("opening", "product", "purchase", "proof", "problem", "conditions", "email"):
        assert k in per, (s["id"], k)
    for k, v in per.items():
        if k not in ("replies", "proofFile", "proofRetryFile"):
            walk_entries(v)
    for k, v in per.get("replies", {}).items():
        assert k in PROMPTS and k != "menu"
        walk_entries(v)
    assert g["outcome"] in OUTCOMES and all(x in OUTCOMES for x in g["acceptable"])
    assert g["outcome"] not in g["acceptable"]
    for r in g.get("reasons", []):
        assert r in REASONS
    for c in g.get("exclusions", []) + g.get("conditionsInclude", []):
        assert c in EXCL, c
    for k in g.get("notAsked", []) + list(g.get("maxAsks", {})):
        assert k in PROMPTS, k
    for k in g.get("requires", []):
        assert k in {"reasons", "exclusions", "handoffReason", "purchaseDate", "botSays", "handoffValue"}
    # re-derive the outcome from the purchase date and the local today
    today = today_of(s["now"], s["tz"])
    p = date.fromisoformat(g["purchaseDate"])
    assert p <= today
    if g["outcome"] == "covered":
        assert within(today, p) and per.get("proofFile"), s["id"]
    if g.get("reasons") == ["outside_warranty_period"]:
        assert not within(today, p), s["id"]
    if g["outcome"] == "awaiting_proof":
        assert within(today, p) and not per.get("proofFile"), s["id"]
    if per.get("proofFile"):
        assert re.search(r"\.(jpg|png|pdf)$", per["proofFile"])

with open(OUT, "w") as f:
    for s in scenarios:
        validate(s)
        f.write(json.dumps(s, ensure_ascii=False) + "\n")

# re-read: every line parses, ids unique, counts per kind
ids, kinds = set(), {}
with open(OUT) as f:
    for line in f:
        s = json.loads(line)
        assert s["id"] not in ids
        ids.add(s["id"])
        kinds[s["category"]] = kinds.get(s["category"], 0) + 1
assert len(ids) == 45 and all(kinds[k] == 9 for k in ORDER), kinds
print(f"wrote {OUT}: {len(ids)} scenarios", kinds)
print("distinct now values:", len({s['now'] for s in scenarios}))
