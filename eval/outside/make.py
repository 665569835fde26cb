#!/usr/bin/env python3
"""Generator for the outside-phrasing purchase-date eval set (dates-outside.jsonl).

Every gold value is computed here from `today` (= local calendar date of `now` in `tz`) by an
explicit rule per item. Items are written as (category, text, local-now, tz, rule, note).
`now` is given as LOCAL wall-clock time in tz and converted to a UTC instant, so the gold
depends only on the local date; several local times are chosen late evening / early morning
so that the UTC date differs from the local date.

Warranty rule (DATES.md): p within iff p <= today and (today - p).days <= 30.
"""
import json, calendar, os, sys
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

MO, TU, WE, TH, FR, SA, SU = range(7)
WDN = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']

# ---------------------------------------------------------------- calendar helpers
def eom(y, m): return calendar.monthrange(y, m)[1]
def addm(y, m, k):
    i = y * 12 + (m - 1) + k
    return i // 12, i % 12 + 1
def prev_month(t): return addm(t.year, t.month, -1)

def md(m, d, t):
    """Month-day without year: most recent occurrence not after today (invalid years skipped)."""
    for y in range(t.year, t.year - 12, -1):
        try:
            x = date(y, m, d)
        except ValueError:
            continue
        if x <= t:
            return x
    raise ValueError

def dom(d, t):
    """Day of month only: most recent d-th not after today; months lacking the day are skipped."""
    y, m = t.year, t.month
    for _ in range(24):
        if d <= eom(y, m) and date(y, m, d) <= t:
            return date(y, m, d)
        y, m = addm(y, m, -1)
    raise ValueError

def month_span(y, m): return date(y, m, 1), date(y, m, eom(y, m))
def recent_month(m, t):
    """Bare month name: the most recent month m whose 1st is not after today."""
    y = t.year if m <= t.month else t.year - 1
    return month_span(y, m)
def year_span(y): return date(y, 1, 1), date(y, 12, 31)
def iso_week(y, w): return date.fromisocalendar(y, w, 1), date.fromisocalendar(y, w, 7)
def nth_week_of_month(y, m, n):
    """n-th week of a month = days 7(n-1)+1 .. 7n (first week = days 1-7)."""
    return date(y, m, 7 * (n - 1) + 1), date(y, m, min(7 * n, eom(y, m)))
def last_week_of_month(y, m): return date(y, m, eom(y, m) - 6), date(y, m, eom(y, m))
def part_of_month(y, m, part):
    a, b = {'early': (1, 10), 'mid': (11, 20), 'late': (21, eom(y, m))}[part]
    return date(y, m, a), date(y, m, b)
def nth_wd(y, m, wd, n):
    x = date(y, m, 1)
    x += timedelta((wd - x.weekday()) % 7)
    return x + timedelta(7 * (n - 1))
def last_wd(y, m, wd):
    x = date(y, m, eom(y, m))
    return x - timedelta((x.weekday() - wd) % 7)
def last_weekday_before(t, wd):
    """'last Tuesday': most recent such weekday strictly before today (1..7 days ago)."""
    k = (t.weekday() - wd) % 7 or 7
    return t - timedelta(k)
def month_ago(t, n=1):
    y, m = addm(t.year, t.month, -n)
    return date(y, m, min(t.day, eom(y, m)))

HOLIDAYS = {
    'nye': lambda y: date(y, 12, 31),
    'christmas': lambda y: date(y, 12, 25),
    'mlk': lambda y: nth_wd(y, 1, MO, 3),          # 3rd Monday of January
    'presidents': lambda y: nth_wd(y, 2, MO, 3),   # 3rd Monday of February
    'memorial': lambda y: last_wd(y, 5, MO),       # last Monday of May
    'juneteenth': lambda y: date(y, 6, 19),
    'july4': lambda y: date(y, 7, 4),
    'labor': lambda y: nth_wd(y, 9, MO, 1),        # 1st Monday of September
    'columbus': lambda y: nth_wd(y, 10, MO, 2),    # 2nd Monday of October
    'veterans': lambda y: date(y, 11, 11),
    'thanksgiving': lambda y: nth_wd(y, 11, TH, 4),  # 4th Thursday of November
    'blackfriday': lambda y: nth_wd(y, 11, TH, 4) + timedelta(1),
    'mothers': lambda y: nth_wd(y, 5, SU, 2),      # 2nd Sunday of May
    'fathers': lambda y: nth_wd(y, 6, SU, 3),      # 3rd Sunday of June
}
def hol(name, y): return HOLIDAYS[name](y)
def hol_recent(name, t):
    y = t.year
    return hol(name, y) if hol(name, y) <= t else hol(name, y - 1)

def conflict(t, wd, d, m=None):
    """Weekday that disagrees with the date written next to it.
    Reading A: the date as written (md / dom rules). Reading B: the nearest earlier date, not after
    today, that has BOTH the written day (and month, if given) and the written weekday."""
    a = md(m, d, t) if m else dom(d, t)
    assert a.weekday() != wd, ('not a conflict', a, WDN[wd])
    x = t
    while not (x.day == d and (m is None or x.month == m) and x.weekday() == wd):
        x -= timedelta(1)
    assert x < a
    return [a, x]

# ---------------------------------------------------------------- gold builders
def G_date(x, t):
    if x > t: return {'kind': 'future'}
    return {'kind': 'date', 'date': x.isoformat()}
def G_range(a, b, t):
    """Inclusive range; a span reaching past today is cut at today; a span wholly after today is future."""
    if a > t: return {'kind': 'future'}
    b = min(b, t)
    assert a <= b
    return {'kind': 'range', 'earliest': a.isoformat(), 'latest': b.isoformat()}
def G_amb(xs, t):
    xs = sorted(set(xs))
    assert all(x <= t for x in xs), xs
    if len(xs) == 1: return G_date(xs[0], t)
    return {'kind': 'ambiguous', 'readings': [x.isoformat() for x in xs]}
NONE = {'kind': 'none'}
FUTURE = {'kind': 'future'}

def D(f): return lambda t: G_date(f(t), t)
def R(f): return lambda t: G_range(*f(t), t)
def A(f): return lambda t: G_amb(f(t), t)
def fixed(g): return lambda t: g
def past_days(n): return R(lambda t: (t - timedelta(n), t))     # "past N days"  = today-N .. today
def past_weeks(n): return R(lambda t: (t - timedelta(7 * n), t))  # "past N weeks" = today-7N .. today
def since(f): return R(lambda t: (f(t), t))                      # open range up to today
def wd_check(x, wd):
    assert x.weekday() == wd, (x, WDN[wd]); return x
def feb29_invalid(y):
    """Feb 29 in a non-leap year: ambiguous between Feb 28 and Mar 1 of that year."""
    assert not calendar.isleap(y)
    return [date(y, 2, 28), date(y, 3, 1)]

def within(p, t): return p <= t and (t - p).days <= 30
def decision(g, t):
    k = g['kind']
    if k in ('none', 'future'): return 'ask'
    if k == 'date': ds = [date.fromisoformat(g['date'])]
    elif k == 'range':
        a, b = date.fromisoformat(g['earliest']), date.fromisoformat(g['latest'])
        ds = [a + timedelta(i) for i in range((b - a).days + 1)]
    else: ds = [date.fromisoformat(x) for x in g['readings']]
    w = [within(x, t) for x in ds]
    return 'within' if all(w) else 'outside' if not any(w) else 'ask'

# ---------------------------------------------------------------- notes (conventions)
N_LIT = 'explicit year taken literally; month name or day>12 fixes field order'
N_YR = "bare year (digits or words) = whole year Jan 1-Dec 31, cut at today if current year"
N_MONTHYEAR = 'month+year (numeric or named) = whole calendar month, cut at today if current month'
N_MONTH = 'bare month name = the most recent such month whose 1st is not after today (whole month, cut at today)'
N_ISO = 'ISO week N = Monday..Sunday of ISO week N (ISO week-year); current week cut at today'
N_WEEKN_CUR = 'bare "week N" = ISO week N of the current ISO year (Mon..Sun)'
N_FW = '"first/second/third/fourth week of <month>" = days 1-7 / 8-14 / 15-21 / 22-28 of that month; month resolved most recent not after today'
N_LW = '"last week of <month>" = the last 7 days of that month'
N_OPEN = 'open range "since X" / "between X and now" / "X to date" = start of X .. today (inclusive)'
N_PAST = '"past/last/previous N days" = today-N .. today; "N weeks" = today-7N .. today (inclusive)'
N_DOM = 'day of month alone = most recent such day not after today; months lacking the day are skipped'
N_MD = 'month-day without year = most recent occurrence not after today'
N_COMPACT = 'compact yyyymmdd / "yyyy mm dd" read as ISO order, only when presented as the date'
N_HOL = 'US holiday, actual (not observed) date; without year = most recent occurrence not after today'
N_LEAP = 'Feb 29 in a non-leap year = ambiguous between Feb 28 and Mar 1 of that year'
N_CONF = ('weekday contradicts the date: ambiguous [date as written, nearest earlier date not after today '
          'with the same day (and month if given) AND that weekday]')
N_TYPO = 'typo read as the intended word; gold by the rule for the corrected phrase'

# ---------------------------------------------------------------- items
# (category, text, local now "YYYY-MM-DD HH:MM", tz, rule(today)->gold, note)
I = []
def add(cat, text, now, tz, rule, note): I.append((cat, text, now, tz, rule, note))

# ---- years in any position / in words
c = 'year_forms'
add(c, 'September 23, 2020', '2026-02-11 09:15', 'America/Chicago', D(lambda t: date(2020, 9, 23)), N_LIT)
add(c, '2026/03/Feb', '2026-03-04 16:05', 'Europe/London', D(lambda t: date(2026, 2, 3)), 'yyyy/dd/Mon: month name fixes the month, the other number is the day; ' + N_LIT)
add(c, "14th Jan '26", '2026-02-13 07:45', 'Asia/Tokyo', D(lambda t: date(2026, 1, 14)), "'26 = 2026; " + N_LIT)
add(c, 'nineteen ninety-nine', '2026-05-06 12:30', 'America/New_York', R(lambda t: year_span(1999)), N_YR)
add(c, 'two thousand and eighteen', '2026-07-21 19:50', 'Australia/Sydney', R(lambda t: year_span(2018)), N_YR)
add(c, 'the fifth of January, two thousand twenty-six', '2026-02-06 22:40', 'America/New_York', D(lambda t: date(2026, 1, 5)), 'year in words; ' + N_LIT)
add(c, 'March 3rd of twenty twenty-six', '2026-04-02 09:15', 'Europe/Berlin', D(lambda t: date(2026, 3, 3)), 'year in words; ' + N_LIT)
add(c, '2026, April 9', '2026-05-10 00:20', 'UTC', D(lambda t: date(2026, 4, 9)), 'year first; ' + N_LIT)
add(c, 'It was the 18th of April in 2026', '2026-05-19 23:35', 'America/Los_Angeles', D(lambda t: date(2026, 4, 18)), N_LIT)
add(c, '2026 May 2', '2026-05-30 14:05', 'America/Denver', D(lambda t: date(2026, 5, 2)), 'year first; ' + N_LIT)
add(c, "8 Jul '26", '2026-08-08 07:45', 'Asia/Kolkata', D(lambda t: date(2026, 7, 8)), "'26 = 2026; " + N_LIT)
add(c, 'the 30th of Nov., 2025', '2026-01-02 12:30', 'Europe/London', D(lambda t: date(2025, 11, 30)), N_LIT)
add(c, 'in the year 2024', '2026-03-15 19:50', 'America/Phoenix', R(lambda t: year_span(2024)), N_YR)
add(c, 'back in 2025', '2026-01-15 22:40', 'America/Los_Angeles', R(lambda t: year_span(2025)), N_YR)
add(c, 'the summer of 2019', '2026-06-24 09:15', 'America/Chicago', R(lambda t: (date(2019, 6, 1), date(2019, 8, 31))), 'summer = meteorological (northern) Jun 1-Aug 31; decision is outside under any season convention')
add(c, '2025.12.20', '2026-01-14 16:05', 'Europe/Berlin', D(lambda t: date(2025, 12, 20)), 'yyyy.mm.dd (year first) is unambiguous; ' + N_LIT)
add(c, 'Dec 20th twenty twenty five', '2026-01-21 07:45', 'Pacific/Auckland', D(lambda t: date(2025, 12, 20)), 'year in words; ' + N_LIT)
add(c, '10 October, 2026', '2026-11-06 19:50', 'America/Sao_Paulo', D(lambda t: date(2026, 10, 10)), N_LIT)
add(c, '2026, the 3rd of August', '2026-09-01 12:30', 'Europe/London', D(lambda t: date(2026, 8, 3)), N_LIT)
add(c, 'August 3 of this year', '2026-09-04 23:35', 'America/New_York', D(lambda t: date(t.year, 8, 3)), '"this year" = year of today')
add(c, 'December 19 last year', '2026-01-15 09:15', 'America/Chicago', D(lambda t: date(t.year - 1, 12, 19)), '"last year" = year of today minus 1')
add(c, 'two thousand twenty-five, late December', '2026-01-22 14:05', 'UTC', R(lambda t: part_of_month(2025, 12, 'late')), 'late <Month> = days 21-end (DATES.md); year in words')
add(c, 'Jan. 2nd, 2026', '2026-02-01 00:20', 'Asia/Tokyo', D(lambda t: date(2026, 1, 2)), N_LIT)
add(c, "the 2nd of June in '26", '2026-07-03 19:50', 'Europe/Berlin', D(lambda t: date(2026, 6, 2)), "'26 = 2026; " + N_LIT)
add(c, '2026-Oct-15', '2026-11-13 07:45', 'Australia/Sydney', D(lambda t: date(2026, 10, 15)), N_LIT)
add(c, 'twenty-sixth of October twenty twenty-six', '2026-11-24 22:40', 'America/Chicago', D(lambda t: date(2026, 10, 26)), 'day and year in words; ' + N_LIT)
add(c, 'on the 1st of Feb in two thousand twenty six', '2026-03-04 12:30', 'Asia/Singapore', D(lambda t: date(2026, 2, 1)), 'year in words; ' + N_LIT)
add(c, "Sept 23rd '25", '2026-10-20 16:05', 'America/New_York', D(lambda t: date(2025, 9, 23)), "'25 = 2025 (not the 2026 occurrence); " + N_LIT)
add(c, 'Oct 5th, 2025', '2026-10-20 09:15', 'Europe/London', D(lambda t: date(2025, 10, 5)), 'explicit past year, not this year\'s Oct 5; ' + N_LIT)

# ---- open ranges up to now
c = 'open_range'
add(c, 'sometime between January 22 and now', '2026-02-15 19:50', 'America/New_York', since(lambda t: md(1, 22, t)), N_OPEN)
add(c, 'between Jan 22 and now', '2026-03-01 07:45', 'Europe/Berlin', since(lambda t: md(1, 22, t)), N_OPEN)
add(c, 'from March to date', '2026-03-20 12:30', 'America/Chicago', since(lambda t: recent_month(3, t)[0]), N_OPEN + '; month start')
add(c, 'from March till date', '2026-04-25 22:40', 'Asia/Kolkata', since(lambda t: recent_month(3, t)[0]), N_OPEN + '; month start')
add(c, 'sometime since August', '2026-08-27 16:05', 'America/Denver', since(lambda t: recent_month(8, t)[0]), N_OPEN + '; since <Month> = from its 1st')
add(c, 'since August', '2026-10-03 09:15', 'Europe/London', since(lambda t: recent_month(8, t)[0]), N_OPEN + '; since <Month> = from its 1st')
add(c, 'since the start of the month', '2026-05-31 23:35', 'America/Los_Angeles', since(lambda t: t.replace(day=1)), N_OPEN)
add(c, 'since the beginning of this month', '2026-07-09 00:20', 'Australia/Sydney', since(lambda t: t.replace(day=1)), N_OPEN)
add(c, 'since the start of the year', '2026-01-12 07:45', 'Pacific/Auckland', since(lambda t: date(t.year, 1, 1)), N_OPEN)
add(c, "since New Year's", '2026-02-20 12:30', 'UTC', since(lambda t: date(t.year, 1, 1)), N_OPEN + "; New Year's = Jan 1")
add(c, 'any time from the 10th until today', '2026-06-25 19:50', 'America/Chicago', since(lambda t: dom(10, t)), N_OPEN + '; ' + N_DOM)
add(c, 'from the 20th up to now', '2026-09-05 14:05', 'Europe/Madrid', since(lambda t: dom(20, t)), N_OPEN + '; ' + N_DOM)
add(c, 'between mid-December and now', '2026-01-19 22:40', 'America/New_York', since(lambda t: part_of_month(t.year - 1, 12, 'mid')[0]), N_OPEN + '; mid-<Month> starts on the 11th')
add(c, 'since last Tuesday', '2026-04-16 09:15', 'America/Toronto', since(lambda t: last_weekday_before(t, TU)), N_OPEN + '; last Tuesday = most recent Tuesday strictly before today')
add(c, 'since the 1st of last month', '2026-03-12 16:05', 'Europe/Berlin', since(lambda t: date(*prev_month(t), 1)), N_OPEN)
add(c, 'sometime this year', '2026-06-10 07:45', 'Asia/Tokyo', since(lambda t: date(t.year, 1, 1)), '"sometime this year" = Jan 1 .. today')
add(c, 'sometime this month', '2026-11-20 23:35', 'America/Denver', since(lambda t: t.replace(day=1)), '"sometime this month" = 1st .. today')
add(c, 'since September 1', '2026-09-28 12:30', 'Europe/London', since(lambda t: md(9, 1, t)), N_OPEN)
add(c, 'since 1 Sep', '2026-10-05 19:50', 'Australia/Sydney', since(lambda t: md(9, 1, t)), N_OPEN)
add(c, 'from October 2 through today', '2026-11-01 09:15', 'America/Los_Angeles', since(lambda t: md(10, 2, t)), N_OPEN)
add(c, 'between the 5th and now', '2026-12-07 00:20', 'Europe/Paris', since(lambda t: dom(5, t)), N_OPEN + '; ' + N_DOM)
add(c, 'anytime after Christmas up till now', '2026-01-30 14:05', 'America/Chicago', since(lambda t: hol_recent('christmas', t)), N_OPEN + '; Christmas = Dec 25')

# ---- weeks
c = 'weeks'
add(c, 'week 10', '2026-03-30 09:15', 'Europe/Berlin', R(lambda t: iso_week(t.isocalendar()[0], 10)), N_WEEKN_CUR + '; ' + N_ISO)
add(c, 'in week 10', '2026-04-06 12:30', 'Europe/Stockholm', R(lambda t: iso_week(t.isocalendar()[0], 10)), N_WEEKN_CUR + '; ' + N_ISO)
add(c, 'calendar week 14', '2026-05-20 19:50', 'Europe/Berlin', R(lambda t: iso_week(t.isocalendar()[0], 14)), N_WEEKN_CUR + '; ' + N_ISO)
add(c, 'the 3rd week of 2025', '2026-02-02 07:45', 'UTC', R(lambda t: iso_week(2025, 3)), N_ISO)
add(c, 'the 52nd week of 2025', '2026-01-20 22:40', 'America/New_York', R(lambda t: iso_week(2025, 52)), N_ISO)
add(c, 'the first week of October', '2026-10-30 16:05', 'America/Chicago', R(lambda t: nth_week_of_month(*((t.year if t.month >= 10 else t.year - 1), 10), 1)), N_FW)
add(c, 'first week of October', '2026-11-05 00:20', 'Asia/Kolkata', R(lambda t: nth_week_of_month(t.year, 10, 1)), N_FW)
add(c, 'the first week of last month', '2026-06-15 14:05', 'Europe/London', R(lambda t: nth_week_of_month(*prev_month(t), 1)), N_FW)
add(c, 'the last week of last month', '2026-03-10 09:15', 'America/Denver', R(lambda t: last_week_of_month(*prev_month(t))), N_LW)
add(c, 'last week of last month', '2026-08-30 23:35', 'Australia/Sydney', R(lambda t: last_week_of_month(*prev_month(t))), N_LW)
add(c, 'the second week of January', '2026-02-12 12:30', 'America/Toronto', R(lambda t: nth_week_of_month(t.year, 1, 2)), N_FW)
add(c, 'the last week of December', '2026-01-24 19:50', 'Europe/Dublin', R(lambda t: last_week_of_month(t.year - 1, 12)), N_LW + '; month resolved most recent not after today')
add(c, 'the last week of September', '2026-11-02 07:45', 'Asia/Tokyo', R(lambda t: last_week_of_month(t.year, 9)), N_LW)
add(c, 'week 1 of this year', '2026-01-30 16:05', 'Europe/Berlin', R(lambda t: iso_week(t.isocalendar()[0], 1)), N_ISO + '; ISO week 1 of 2026 starts Mon Dec 29 2025')
add(c, 'the third week of this month', '2026-07-28 09:15', 'America/Chicago', R(lambda t: nth_week_of_month(t.year, t.month, 3)), N_FW)
add(c, 'week 40', '2026-10-25 22:40', 'Europe/Amsterdam', R(lambda t: iso_week(t.isocalendar()[0], 40)), N_WEEKN_CUR + '; ' + N_ISO)
add(c, 'wk 22', '2026-07-01 12:30', 'UTC', R(lambda t: iso_week(t.isocalendar()[0], 22)), N_WEEKN_CUR + '; ' + N_ISO)
add(c, 'the 4th week of November', '2026-11-28 00:20', 'America/New_York', R(lambda t: nth_week_of_month(t.year, 11, 4)), N_FW)
add(c, 'the week of March 9', '2026-04-09 14:05', 'America/Los_Angeles', R(lambda t: iso_week(*md(3, 9, t).isocalendar()[:2])), '"the week of <date>" = the ISO week (Mon..Sun) containing that date')
add(c, 'the 2nd week of Feb 2026', '2026-03-12 19:50', 'Europe/London', R(lambda t: nth_week_of_month(2026, 2, 2)), N_FW)
add(c, 'the last week of February', '2026-03-22 07:45', 'Australia/Melbourne', R(lambda t: last_week_of_month(t.year, 2)), N_LW)
add(c, 'week 48 of 2025', '2026-09-09 16:05', 'Europe/Berlin', R(lambda t: iso_week(2025, 48)), N_ISO)

# ---- month-year numerics, bare years, bare months
c = 'month_year'
add(c, '3/2015', '2026-04-04 09:15', 'America/New_York', R(lambda t: month_span(2015, 3)), 'm/yyyy; ' + N_MONTHYEAR)
add(c, '2015-03', '2026-06-17 22:40', 'Europe/London', R(lambda t: month_span(2015, 3)), 'yyyy-mm; ' + N_MONTHYEAR)
add(c, '12-2015', '2026-08-12 12:30', 'America/Chicago', R(lambda t: month_span(2015, 12)), 'mm-yyyy; ' + N_MONTHYEAR)
add(c, '03/2026', '2026-03-25 19:50', 'Asia/Tokyo', R(lambda t: month_span(2026, 3)), 'mm/yyyy; ' + N_MONTHYEAR)
add(c, '02/2026', '2026-03-16 07:45', 'America/Denver', R(lambda t: month_span(2026, 2)), 'mm/yyyy; ' + N_MONTHYEAR)
add(c, '2026-01', '2026-03-03 16:05', 'Europe/Berlin', R(lambda t: month_span(2026, 1)), 'yyyy-mm; ' + N_MONTHYEAR)
add(c, '11-2026', '2026-11-28 09:15', 'America/Los_Angeles', R(lambda t: month_span(2026, 11)), 'mm-yyyy; ' + N_MONTHYEAR)
add(c, 'I think 2008', '2026-02-18 14:05', 'Australia/Sydney', R(lambda t: year_span(2008)), N_YR)
add(c, 'in May', '2026-06-08 23:35', 'America/New_York', R(lambda t: recent_month(5, t)), N_MONTH)
add(c, 'May', '2026-08-10 12:30', 'Europe/Paris', R(lambda t: recent_month(5, t)), N_MONTH)
add(c, 'dec', '2026-01-06 07:45', 'America/Chicago', R(lambda t: recent_month(12, t)), N_MONTH)
add(c, 'Sept.', '2026-09-22 19:50', 'Asia/Kolkata', R(lambda t: recent_month(9, t)), N_MONTH)
add(c, 'sometime in Feb', '2026-04-15 09:15', 'UTC', R(lambda t: recent_month(2, t)), N_MONTH)
add(c, 'Oct', '2026-12-03 22:40', 'America/Toronto', R(lambda t: recent_month(10, t)), N_MONTH)
add(c, 'in june 2026', '2026-07-05 16:05', 'Europe/London', R(lambda t: month_span(2026, 6)), N_MONTHYEAR)
add(c, "July '26", '2026-07-30 00:20', 'Pacific/Auckland', R(lambda t: month_span(2026, 7)), "'26 = 2026; " + N_MONTHYEAR)
add(c, 'Aug 2025', '2026-08-20 12:30', 'America/Denver', R(lambda t: month_span(2025, 8)), 'explicit past year (not this August); ' + N_MONTHYEAR)
add(c, 'April of 2026', '2026-05-28 19:50', 'Europe/Berlin', R(lambda t: month_span(2026, 4)), N_MONTHYEAR)
add(c, '2026/10', '2026-11-15 07:45', 'Asia/Shanghai', R(lambda t: month_span(2026, 10)), 'yyyy/mm; ' + N_MONTHYEAR)
add(c, '10.2026', '2026-10-12 14:05', 'Europe/Berlin', R(lambda t: month_span(2026, 10)), 'mm.yyyy; ' + N_MONTHYEAR)
add(c, 'Jan', '2026-01-29 23:35', 'America/Los_Angeles', R(lambda t: recent_month(1, t)), N_MONTH)
add(c, '2025', '2026-01-08 09:15', 'Europe/London', R(lambda t: year_span(2025)), N_YR)
add(c, '2026', '2026-01-25 12:30', 'America/Chicago', R(lambda t: year_span(2026)), N_YR)

# ---- compact numerics
c = 'compact_numeric'
add(c, 'on 20161016', '2026-02-25 09:15', 'America/New_York', D(lambda t: date(2016, 10, 16)), N_COMPACT)
add(c, '2016 10 16', '2026-05-14 19:50', 'Europe/Berlin', D(lambda t: date(2016, 10, 16)), N_COMPACT + '; the whole answer is the date')
add(c, 'on 20260312', '2026-04-09 07:45', 'Asia/Tokyo', D(lambda t: date(2026, 3, 12)), N_COMPACT)
add(c, 'bought 20260312', '2026-04-13 22:40', 'America/Chicago', D(lambda t: date(2026, 3, 12)), N_COMPACT)
add(c, '2026 04 30', '2026-05-29 16:05', 'Europe/London', D(lambda t: date(2026, 4, 30)), N_COMPACT + '; the whole answer is the date')
add(c, 'purchased 2026 04 27', '2026-05-29 12:30', 'America/Denver', D(lambda t: date(2026, 4, 27)), N_COMPACT)
add(c, 'date of purchase: 20260901', '2026-09-30 00:20', 'Australia/Sydney', D(lambda t: date(2026, 9, 1)), N_COMPACT)
add(c, '20251230 was the day', '2026-01-26 14:05', 'America/New_York', D(lambda t: date(2025, 12, 30)), N_COMPACT)
add(c, 'ordered on 20260115, receipt #88213', '2026-02-16 09:15', 'UTC', D(lambda t: date(2026, 1, 15)), N_COMPACT + '; receipt number is not a date')
add(c, 'receipt no. 20260415', '2026-04-30 19:50', 'America/Los_Angeles', fixed(NONE), '8-digit number labelled as a receipt number is not a date (DATES.md noise rule)')
add(c, "order 20260702, I don't remember the date though", '2026-07-20 07:45', 'Europe/Berlin', fixed(NONE), 'order number is not a date; the customer says no date')
add(c, 'on 2026 7 4', '2026-08-01 23:35', 'America/Chicago', D(lambda t: date(2026, 7, 4)), N_COMPACT + '; unpadded y m d')
add(c, 'on 20261101', '2026-11-27 12:30', 'Asia/Kolkata', D(lambda t: date(2026, 11, 1)), N_COMPACT)
add(c, 'I got it on 20261201', '2026-11-20 16:05', 'Europe/London', D(lambda t: date(2026, 12, 1)), N_COMPACT + '; date after today = future')
add(c, 'invoice date 20260220', '2026-03-23 09:15', 'America/Toronto', D(lambda t: date(2026, 2, 20)), N_COMPACT + '; invoice date = purchase date')
add(c, 'on 2026.06.08', '2026-07-09 19:50', 'Asia/Singapore', D(lambda t: date(2026, 6, 8)), 'yyyy.mm.dd year-first')

# ---- day alone / number words
c = 'day_words'
add(c, 'the 27th', '2026-03-26 09:15', 'America/New_York', D(lambda t: dom(27, t)), N_DOM)
add(c, 'on the 27th', '2026-04-26 22:40', 'Europe/London', D(lambda t: dom(27, t)), N_DOM)
add(c, 'the thirty', '2026-03-05 12:30', 'America/Chicago', D(lambda t: dom(30, t)), 'number word "thirty" = the 30th; ' + N_DOM)
add(c, 'on the thirtieth', '2026-05-29 07:45', 'Australia/Sydney', D(lambda t: dom(30, t)), N_DOM)
add(c, 'twenty-second', '2026-07-21 19:50', 'Europe/Berlin', D(lambda t: dom(22, t)), N_DOM)
add(c, 'the twenty second', '2026-08-24 16:05', 'America/Denver', D(lambda t: dom(22, t)), N_DOM)
add(c, 'the thirty-first', '2026-05-01 00:20', 'Asia/Tokyo', D(lambda t: dom(31, t)), N_DOM)
add(c, 'Friday the fifteen', '2026-06-10 14:05', 'America/Los_Angeles', D(lambda t: wd_check(dom(15, t), FR)), 'number word "fifteen" = 15th; weekday agrees with the date; ' + N_DOM)
add(c, 'March fifteen', '2026-04-14 09:15', 'Europe/London', D(lambda t: md(3, 15, t)), N_MD)
add(c, 'April twenty', '2026-05-21 23:35', 'America/New_York', D(lambda t: md(4, 20, t)), N_MD)
add(c, 'on the first', '2026-02-01 12:30', 'Europe/Berlin', D(lambda t: dom(1, t)), N_DOM + ' (today counts)')
add(c, 'the twelfth', '2026-01-10 19:50', 'America/Chicago', D(lambda t: dom(12, t)), N_DOM + '; across New Year')
add(c, 'June the ninth', '2026-07-09 07:45', 'Asia/Kolkata', D(lambda t: md(6, 9, t)), N_MD)
add(c, 'the 9th of this month', '2026-09-25 16:05', 'America/Toronto', D(lambda t: t.replace(day=9)), '"of this month" = current month')
add(c, 'the 28th of last month', '2026-03-29 22:40', 'Europe/Madrid', D(lambda t: date(*prev_month(t), 28)), '"of last month" = previous calendar month')
add(c, 'Sunday the third', '2026-06-02 09:15', 'Pacific/Auckland', D(lambda t: wd_check(dom(3, t), SU)), 'weekday agrees with the date; ' + N_DOM)
add(c, 'on the twenty third', '2026-01-22 12:30', 'America/Los_Angeles', D(lambda t: dom(23, t)), N_DOM + '; across New Year')
add(c, 'the 2nd', '2026-11-01 07:45', 'Europe/London', D(lambda t: dom(2, t)), N_DOM)
add(c, 'eighteenth', '2026-09-19 19:50', 'Australia/Brisbane', D(lambda t: dom(18, t)), N_DOM)
add(c, 'on the 29th', '2026-03-02 14:05', 'America/New_York', D(lambda t: dom(29, t)), N_DOM + '; Feb 2026 has no 29th')
add(c, 'on the twenty-ninth', '2026-03-28 00:20', 'Europe/Berlin', D(lambda t: dom(29, t)), N_DOM + '; Feb 2026 has no 29th')
add(c, 'Thursday the 2nd', '2026-07-20 16:05', 'America/Chicago', D(lambda t: wd_check(dom(2, t), TH)), 'weekday agrees with the date; ' + N_DOM)

# ---- past / previous / last N days / weeks
c = 'past_n'
add(c, 'in the past 2 weeks', '2026-04-10 09:15', 'America/New_York', past_weeks(2), N_PAST)
add(c, 'within the last 10 days', '2026-05-05 22:40', 'Europe/London', past_days(10), N_PAST)
add(c, 'the previous 3 weeks', '2026-06-18 12:30', 'Asia/Tokyo', past_weeks(3), N_PAST)
add(c, 'sometime in the last 6 weeks', '2026-07-07 19:50', 'America/Chicago', past_weeks(6), N_PAST)
add(c, 'the past 45 days', '2026-08-14 07:45', 'Europe/Berlin', past_days(45), N_PAST)
add(c, 'in the last 30 days', '2026-09-03 16:05', 'America/Denver', past_days(30), N_PAST)
add(c, 'in the past thirty-one days', '2026-10-01 00:20', 'Australia/Sydney', past_days(31), N_PAST)
add(c, 'over the last four weeks', '2026-11-11 14:05', 'America/Los_Angeles', past_weeks(4), N_PAST)
add(c, 'past five weeks', '2026-12-02 09:15', 'Europe/Paris', past_weeks(5), N_PAST)
add(c, 'the last couple of weeks', '2026-01-16 23:35', 'America/New_York', past_weeks(2), N_PAST + '; "couple" = 2')
add(c, 'within the past month', '2026-03-31 12:30', 'Europe/London', R(lambda t: (month_ago(t), t)), '"past month" = a month ago (same day previous month, clamped to month end) .. today')
add(c, 'sometime in the past two months', '2026-02-27 19:50', 'America/Chicago', R(lambda t: (month_ago(t, 2), t)), '"past two months" = two months ago (same day, clamped) .. today')
add(c, 'in the previous 9 days', '2026-04-22 07:45', 'Asia/Kolkata', past_days(9), N_PAST)
add(c, 'past 60 days', '2026-05-26 16:05', 'America/Toronto', past_days(60), N_PAST)
add(c, 'it was in the last 3 days', '2026-06-30 22:40', 'Europe/Berlin', past_days(3), N_PAST)
add(c, 'during the past fortnight', '2026-08-05 09:15', 'Europe/London', past_weeks(2), N_PAST + '; fortnight = 2 weeks')
add(c, 'the last 21 days', '2026-09-17 12:30', 'America/Denver', past_days(21), N_PAST)
add(c, 'the past 8 weeks', '2026-10-21 19:50', 'Asia/Tokyo', past_weeks(8), N_PAST)

# ---- Feb 29
c = 'leap_day'
add(c, 'Feb 29, 2026', '2026-03-10 09:15', 'America/New_York', A(lambda t: feb29_invalid(2026)), N_LEAP)
add(c, '29 February 2026', '2026-03-31 07:45', 'Europe/London', A(lambda t: feb29_invalid(2026)), N_LEAP)
add(c, '2/29/2026', '2026-04-20 22:40', 'America/Chicago', A(lambda t: feb29_invalid(2026)), N_LEAP)
add(c, 'February 29th, 2025', '2026-02-10 12:30', 'Australia/Sydney', A(lambda t: feb29_invalid(2025)), N_LEAP)
add(c, 'Feb 29 2028', '2026-03-05 16:05', 'Europe/Berlin', D(lambda t: date(2028, 2, 29)), 'valid leap day but after today = future (wrong year)')
add(c, '29.02.2024', '2026-03-01 19:50', 'Asia/Kolkata', D(lambda t: date(2024, 2, 29)), 'valid leap day, dotted d.m.yyyy; ' + N_LIT)
add(c, 'on the 29th of February this year', '2026-03-20 00:20', 'Pacific/Auckland', A(lambda t: feb29_invalid(t.year)), N_LEAP + '; "this year" = 2026')
add(c, '2026-02-29', '2026-03-30 14:05', 'America/Los_Angeles', A(lambda t: feb29_invalid(2026)), N_LEAP)

# ---- US holidays
c = 'us_holidays'
add(c, "New Year's Eve", '2026-01-28 09:15', 'America/New_York', D(lambda t: hol_recent('nye', t)), N_HOL)
add(c, 'on NYE', '2026-02-02 22:40', 'America/Chicago', D(lambda t: hol_recent('nye', t)), N_HOL + '; NYE = Dec 31')
add(c, "New Year's Eve 2024", '2026-01-05 12:30', 'Europe/London', D(lambda t: hol('nye', 2024)), N_HOL)
add(c, "New Year's Eve", '2025-12-31 21:00', 'America/Los_Angeles', D(lambda t: hol_recent('nye', t)), N_HOL + '; local today is Dec 31 2025 although UTC is already 2026')
add(c, 'MLK Day', '2026-02-15 07:45', 'America/Denver', D(lambda t: hol_recent('mlk', t)), N_HOL + '; MLK Day = 3rd Monday of January')
add(c, 'Martin Luther King Day', '2026-02-20 19:50', 'America/New_York', D(lambda t: hol_recent('mlk', t)), N_HOL + '; 3rd Monday of January')
add(c, 'MLK day 2026', '2026-02-18 16:05', 'America/Los_Angeles', D(lambda t: hol('mlk', 2026)), N_HOL)
add(c, "Presidents' Day", '2026-03-18 00:20', 'America/Chicago', D(lambda t: hol_recent('presidents', t)), N_HOL + '; 3rd Monday of February')
add(c, 'on Presidents Day 2025', '2026-03-02 14:05', 'America/Phoenix', D(lambda t: hol('presidents', 2025)), N_HOL)
add(c, 'Memorial Day', '2026-06-26 09:15', 'America/New_York', D(lambda t: hol_recent('memorial', t)), N_HOL + '; last Monday of May')
add(c, 'memorial day', '2026-06-20 23:35', 'America/Denver', D(lambda t: hol_recent('memorial', t)), N_HOL + '; last Monday of May')
add(c, 'Juneteenth', '2026-07-18 12:30', 'America/Chicago', D(lambda t: hol_recent('juneteenth', t)), N_HOL + '; June 19')
add(c, 'on Juneteenth', '2026-07-21 19:50', 'America/Los_Angeles', D(lambda t: hol_recent('juneteenth', t)), N_HOL + '; June 19')
add(c, 'Independence Day', '2026-08-04 07:45', 'America/New_York', D(lambda t: hol_recent('july4', t)), N_HOL + '; July 4 (2026 observed holiday is Fri Jul 3; gold uses Jul 4)')
add(c, 'the Fourth of July', '2026-07-30 16:05', 'America/Chicago', D(lambda t: hol_recent('july4', t)), N_HOL)
add(c, 'Labor Day', '2026-10-06 22:40', 'America/Denver', D(lambda t: hol_recent('labor', t)), N_HOL + '; 1st Monday of September')
add(c, 'on Labor Day', '2026-10-09 09:15', 'America/New_York', D(lambda t: hol_recent('labor', t)), N_HOL + '; 1st Monday of September')
add(c, 'Columbus Day', '2026-11-10 12:30', 'America/Chicago', D(lambda t: hol_recent('columbus', t)), N_HOL + '; 2nd Monday of October')
add(c, 'Columbus Day 2025', '2026-01-20 19:50', 'America/New_York', D(lambda t: hol('columbus', 2025)), N_HOL)
add(c, 'Veterans Day', '2026-12-10 07:45', 'America/Los_Angeles', D(lambda t: hol_recent('veterans', t)), N_HOL + '; Nov 11')
add(c, "on Veterans' Day", '2026-12-13 16:05', 'America/New_York', D(lambda t: hol_recent('veterans', t)), N_HOL + '; Nov 11')
add(c, 'Thanksgiving', '2026-12-24 00:20', 'America/Chicago', D(lambda t: hol_recent('thanksgiving', t)), N_HOL + '; 4th Thursday of November')
add(c, 'Thanksgiving Day 2025', '2026-01-05 14:05', 'America/Denver', D(lambda t: hol('thanksgiving', 2025)), N_HOL)
add(c, 'Thanksgiving', '2026-01-03 09:15', 'America/New_York', D(lambda t: hol_recent('thanksgiving', t)), N_HOL + '; most recent is 2025')
add(c, "Mother's Day", '2026-06-05 23:35', 'America/Los_Angeles', D(lambda t: hol_recent('mothers', t)), N_HOL + '; 2nd Sunday of May')
add(c, "on mother's day", '2026-06-12 12:30', 'America/Chicago', D(lambda t: hol_recent('mothers', t)), N_HOL + '; 2nd Sunday of May')
add(c, "Father's Day", '2026-07-20 19:50', 'America/New_York', D(lambda t: hol_recent('fathers', t)), N_HOL + '; 3rd Sunday of June')
add(c, "Father's Day 2026", '2026-07-23 07:45', 'America/Denver', D(lambda t: hol('fathers', 2026)), N_HOL)

# ---- weekday that contradicts the date
c = 'weekday_conflict'
add(c, 'Mon 13th', '2026-05-20 09:15', 'America/New_York', A(lambda t: conflict(t, MO, 13)), N_CONF)
add(c, 'Friday the 13th', '2026-04-20 22:40', 'Europe/London', A(lambda t: conflict(t, FR, 13)), N_CONF)
add(c, 'Tuesday the 5th', '2026-06-08 12:30', 'America/Chicago', A(lambda t: conflict(t, TU, 5)), N_CONF)
add(c, 'Sat 21st', '2026-04-25 19:50', 'Australia/Sydney', A(lambda t: conflict(t, SA, 21)), N_CONF)
add(c, 'Thursday 20 March', '2026-04-10 07:45', 'Europe/Berlin', A(lambda t: conflict(t, TH, 20, 3)), N_CONF)
add(c, 'Wednesday, Jan 8', '2026-01-30 16:05', 'America/Los_Angeles', A(lambda t: conflict(t, WE, 8, 1)), N_CONF)
add(c, 'Saturday the 1st', '2026-03-12 00:20', 'Asia/Tokyo', A(lambda t: conflict(t, SA, 1)), N_CONF)
add(c, 'Thu March 4th', '2026-06-01 14:05', 'America/Denver', A(lambda t: conflict(t, TH, 4, 3)), N_CONF)
add(c, 'Monday, October 6', '2026-12-02 09:15', 'America/New_York', A(lambda t: conflict(t, MO, 6, 10)), N_CONF)
add(c, 'Fri 3rd', '2026-08-05 23:35', 'Europe/Paris', A(lambda t: conflict(t, FR, 3)), N_CONF)
add(c, 'Sunday 10th', '2026-06-12 12:30', 'America/Chicago', A(lambda t: conflict(t, SU, 10)), N_CONF)
add(c, 'Wed the 22nd', '2026-08-23 19:50', 'Europe/London', A(lambda t: conflict(t, WE, 22)), N_CONF)
add(c, 'on Tuesday 19th Feb', '2026-04-02 07:45', 'Asia/Kolkata', A(lambda t: conflict(t, TU, 19, 2)), N_CONF)
add(c, 'Mon 30th', '2026-07-02 16:05', 'America/Toronto', A(lambda t: conflict(t, MO, 30)), N_CONF)
add(c, 'Friday 14 November', '2026-11-20 22:40', 'Europe/Berlin', A(lambda t: conflict(t, FR, 14, 11)), N_CONF)

# ---- chatty sentences
c = 'chatty'
add(c, 'Honestly I grabbed it during the Memorial Day sales, on the Monday itself', '2026-06-15 09:15', 'America/New_York', D(lambda t: hol_recent('memorial', t)), N_HOL)
add(c, "my wife ordered it sometime in the past three weeks, can't pin it down more than that", '2026-03-09 22:40', 'America/Chicago', past_weeks(3), N_PAST)
add(c, 'It arrived on the 9th but I ordered it on the 2nd', '2026-07-31 12:30', 'Europe/London', D(lambda t: dom(2, t)), 'order date wins over delivery date; ' + N_DOM)
add(c, "hmm I'd say the first week of September, right after we moved house", '2026-10-06 19:50', 'America/Denver', R(lambda t: nth_week_of_month(t.year, 9, 1)), N_FW)
add(c, "we've had it since August 14th, that's the day I bought it", '2026-09-12 07:45', 'Australia/Sydney', D(lambda t: md(8, 14, t)), 'explicit purchase day; ' + N_MD)
add(c, 'Bought it as a present for my dad on Father\'s Day itself', '2026-07-23 16:05', 'America/Los_Angeles', D(lambda t: hol_recent('fathers', t)), N_HOL)
add(c, 'It was Thanksgiving weekend, Black Friday specifically, the doorbuster deal', '2026-12-30 00:20', 'America/New_York', D(lambda t: hol_recent('blackfriday', t)), 'Black Friday = day after Thanksgiving; ' + N_HOL)
add(c, 'I think it was in week 45, the invoice says so somewhere', '2026-12-01 14:05', 'Europe/Berlin', R(lambda t: iso_week(t.isocalendar()[0], 45)), N_WEEKN_CUR + '; ' + N_ISO)
add(c, "Got it back in two thousand twenty-three, it's old I know", '2026-04-17 09:15', 'Europe/Dublin', R(lambda t: year_span(2023)), N_YR)
add(c, 'I purchased it on 20260606 according to my bank statement', '2026-07-08 23:35', 'America/Chicago', D(lambda t: date(2026, 6, 6)), N_COMPACT)
add(c, 'The order went through on the twenty-fifth and it shipped a few days later', '2026-02-20 12:30', 'America/New_York', D(lambda t: dom(25, t)), 'order date; ' + N_DOM)
add(c, "Sometime between Christmas and now, I really don't remember the exact day", '2026-01-30 19:50', 'Europe/London', since(lambda t: hol_recent('christmas', t)), N_OPEN)
add(c, 'my son bought it on MLK day with his birthday money', '2026-02-10 07:45', 'America/Chicago', D(lambda t: hol_recent('mlk', t)), N_HOL)
add(c, "It's been ours since the start of the month, bought it on the very first", '2026-10-20 16:05', 'Asia/Tokyo', D(lambda t: t.replace(day=1)), 'explicit day "the first" of the current month')
add(c, 'Ordered online 3/2026, it got delivered in April', '2026-04-22 22:40', 'America/Denver', R(lambda t: month_span(2026, 3)), 'order month wins over delivery; ' + N_MONTHYEAR)
add(c, 'I picked it up at the store on Labor Day, the place was packed', '2026-10-03 09:15', 'America/New_York', D(lambda t: hol_recent('labor', t)), N_HOL)
add(c, 'We got it sometime in the last 10 days, not totally sure which', '2026-05-14 12:30', 'Europe/Berlin', past_days(10), N_PAST)
add(c, "I want to say September 23, 2025? It's been a while", '2026-03-01 19:50', 'America/Los_Angeles', D(lambda t: date(2025, 9, 23)), N_LIT)
add(c, 'my receipt shows 2026-08 but no day, the ink is faded', '2026-09-03 07:45', 'Europe/London', R(lambda t: month_span(2026, 8)), N_MONTHYEAR)
add(c, "It was a treat to myself on New Year's Eve", '2026-01-31 16:05', 'America/Chicago', D(lambda t: hol_recent('nye', t)), N_HOL)
add(c, 'we bought it the last week of October, right before Halloween', '2026-11-26 00:20', 'America/New_York', R(lambda t: last_week_of_month(t.year, 10)), N_LW)
add(c, 'Bought on Juneteenth since I had the day off work', '2026-07-10 14:05', 'America/Chicago', D(lambda t: hol_recent('juneteenth', t)), N_HOL)

# ---- typos
c = 'typos'
add(c, 'Setpember 23, 2025', '2026-10-20 09:15', 'America/New_York', D(lambda t: date(2025, 9, 23)), N_TYPO + '; ' + N_LIT)
add(c, 'sinse august', '2026-08-20 22:40', 'Europe/London', since(lambda t: recent_month(8, t)[0]), N_TYPO + '; ' + N_OPEN)
add(c, 'thanksgivng', '2026-12-20 12:30', 'America/Chicago', D(lambda t: hol_recent('thanksgiving', t)), N_TYPO + '; ' + N_HOL)
add(c, 'memorail day', '2026-06-27 19:50', 'America/Denver', D(lambda t: hol_recent('memorial', t)), N_TYPO + '; ' + N_HOL)
add(c, 'in the past 2 weks', '2026-02-24 07:45', 'Asia/Tokyo', past_weeks(2), N_TYPO + '; ' + N_PAST)
add(c, 'twenty secnd', '2026-05-21 16:05', 'Europe/Berlin', D(lambda t: dom(22, t)), N_TYPO + '; ' + N_DOM)
add(c, 'the twentyseventh', '2026-06-26 00:20', 'America/Los_Angeles', D(lambda t: dom(27, t)), N_TYPO + '; ' + N_DOM)
add(c, 'frist week of march', '2026-04-01 14:05', 'America/New_York', R(lambda t: nth_week_of_month(t.year, 3, 1)), N_TYPO + '; ' + N_FW)
add(c, 'lsat week of last month', '2026-05-03 09:15', 'Europe/London', R(lambda t: last_week_of_month(*prev_month(t))), N_TYPO + '; ' + N_LW)
add(c, 'febuary 29 2026', '2026-03-29 23:35', 'America/Chicago', A(lambda t: feb29_invalid(2026)), N_TYPO + '; ' + N_LEAP)
add(c, 'independance day', '2026-08-02 12:30', 'America/New_York', D(lambda t: hol_recent('july4', t)), N_TYPO + '; ' + N_HOL)
add(c, 'fathers day', '2026-07-25 19:50', 'America/Los_Angeles', D(lambda t: hol_recent('fathers', t)), 'missing apostrophe; ' + N_HOL)
add(c, 'Decmber 2025', '2026-01-10 07:45', 'Europe/Berlin', R(lambda t: month_span(2025, 12)), N_TYPO + '; ' + N_MONTHYEAR)
add(c, 'wek 12', '2026-04-14 16:05', 'Europe/Amsterdam', R(lambda t: iso_week(t.isocalendar()[0], 12)), N_TYPO + '; ' + N_WEEKN_CUR + '; ' + N_ISO)
add(c, 'Octber 3rd twenty twenty six', '2026-11-03 22:40', 'America/Denver', D(lambda t: date(2026, 10, 3)), N_TYPO + '; ' + N_LIT)
add(c, 'betwen jan 5 and now', '2026-02-01 09:15', 'Australia/Sydney', since(lambda t: md(1, 5, t)), N_TYPO + '; ' + N_OPEN)
add(c, 'the thirtyeth', '2026-07-29 12:30', 'America/Chicago', D(lambda t: dom(30, t)), N_TYPO + '; ' + N_DOM)
add(c, 'colombus day', '2026-11-13 19:50', 'America/New_York', D(lambda t: hol_recent('columbus', t)), N_TYPO + '; ' + N_HOL)
add(c, 'veterens day', '2026-12-08 07:45', 'America/Chicago', D(lambda t: hol_recent('veterans', t)), N_TYPO + '; ' + N_HOL)
add(c, 'past 45 dyas', '2026-09-24 16:05', 'Europe/London', past_days(45), N_TYPO + '; ' + N_PAST)

# ---- none
c = 'none'
add(c, 'honestly no clue, it was ages ago', '2026-02-09 09:15', 'America/New_York', fixed(NONE), 'no date given')
add(c, "It was a birthday present so I couldn't tell you", '2026-04-28 22:40', 'Europe/London', fixed(NONE), 'no date given')
add(c, "Can't you look it up? It's under my email", '2026-06-03 12:30', 'America/Chicago', fixed(NONE), 'no date given')
add(c, 'order number 20260311', '2026-03-30 19:50', 'Asia/Kolkata', fixed(NONE), '8-digit order number is not a date (DATES.md noise rule)')
add(c, 'It cost $129.99 at the Target on 5th street', '2026-08-18 07:45', 'America/Los_Angeles', fixed(NONE), 'price and street name are not dates')
add(c, 'I bought 2 of them, the QX-2040 model', '2026-10-14 16:05', 'Australia/Sydney', fixed(NONE), 'quantity and model number are not dates')
add(c, 'not sure, maybe ask my husband', '2026-11-09 00:20', 'America/Denver', fixed(NONE), 'no date given')
add(c, 'sometime, I forget', '2026-12-15 14:05', 'Europe/Berlin', fixed(NONE), 'no date given')

# ---- future
c = 'future'
add(c, "next Friday, I'm picking it up then", '2026-01-21 09:15', 'America/New_York', fixed(FUTURE), 'future reference')
add(c, "I'm buying it on the 2nd of next month", '2026-03-18 22:40', 'Europe/London', fixed(FUTURE), 'future reference')
add(c, 'December 2027', '2026-05-12 12:30', 'America/Chicago', R(lambda t: month_span(2027, 12)), 'month-year wholly after today = future')
add(c, 'in two weeks', '2026-07-14 19:50', 'Asia/Tokyo', fixed(FUTURE), 'future reference')
add(c, 'on 20270105', '2026-09-08 07:45', 'Europe/Berlin', D(lambda t: date(2027, 1, 5)), N_COMPACT + '; after today = future')
add(c, 'Thanksgiving 2026', '2026-10-15 16:05', 'America/Denver', D(lambda t: hol('thanksgiving', 2026)), 'holiday with year after today = future')
add(c, 'Memorial Day next year', '2026-08-25 00:20', 'America/Los_Angeles', D(lambda t: hol('memorial', t.year + 1)), 'future reference')
add(c, 'the first week of next month', '2026-10-27 14:05', 'Australia/Sydney', R(lambda t: nth_week_of_month(*addm(t.year, t.month, 1), 1)), 'wholly after today = future')

# ---------------------------------------------------------------- build
def build():
    out, seen = [], set()
    for i, (cat, text, now, tz, rule, note) in enumerate(I, 1):
        local = datetime.strptime(now, '%Y-%m-%d %H:%M').replace(tzinfo=ZoneInfo(tz))
        utc = local.astimezone(timezone.utc)
        today = utc.astimezone(ZoneInfo(tz)).date()
        assert today == local.date()
        gold = rule(today)
        key = (text, now)
        assert key not in seen, key
        seen.add(key)
        out.append({'id': 'o%04d' % i, 'category': cat, 'text': text,
                    'now': utc.strftime('%Y-%m-%dT%H:%M:%SZ'), 'tz': tz,
                    'gold': gold, 'decision': decision(gold, today), 'note': note})
    return out

def validate(path):
    ids = set()
    with open(path) as f:
        for ln in f:
            o = json.loads(ln)
            assert set(o) == {'id', 'category', 'text', 'now', 'tz', 'gold', 'decision', 'note'}, o
            assert o['id'] not in ids; ids.add(o['id'])
            ZoneInfo(o['tz'])
            datetime.strptime(o['now'], '%Y-%m-%dT%H:%M:%SZ')
            g = o['gold']; k = g['kind']
            assert o['decision'] in ('within', 'outside', 'ask')
            if k == 'date': assert set(g) == {'kind', 'date'}; date.fromisoformat(g['date'])
            elif k == 'range':
                assert set(g) == {'kind', 'earliest', 'latest'}
                assert date.fromisoformat(g['earliest']) <= date.fromisoformat(g['latest'])
            elif k == 'ambiguous':
                assert set(g) == {'kind', 'readings'} and len(g['readings']) >= 2
                rs = [date.fromisoformat(x) for x in g['readings']]
                assert rs == sorted(rs) and len(set(rs)) == len(rs)
            else:
                assert k in ('none', 'future') and set(g) == {'kind'}
                assert o['decision'] == 'ask'
            # re-check decision and non-future from the line alone
            today = datetime.strptime(o['now'], '%Y-%m-%dT%H:%M:%SZ').replace(tzinfo=timezone.utc).astimezone(ZoneInfo(o['tz'])).date()
            assert decision(g, today) == o['decision']
            for key in ('date', 'latest'):
                if key in g: assert date.fromisoformat(g[key]) <= today
            if k == 'ambiguous': assert all(date.fromisoformat(x) <= today for x in g['readings'])
    return len(ids)

if __name__ == '__main__':
    items = build()
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), 'dates-outside.jsonl')
    with open(path, 'w') as f:
        for o in items:
            f.write(json.dumps(o, ensure_ascii=False) + '\n')
    n = validate(path)
    from collections import Counter
    print('wrote', n, 'items to', path)
    print('by category:', dict(Counter(o['category'] for o in items)))
    print('by decision:', dict(Counter(o['decision'] for o in items)))
    print('by kind:', dict(Counter(o['gold']['kind'] for o in items)))
    print('tz:', len(set(o['tz'] for o in items)), 'distinct; local date != UTC date:',
          sum(1 for o in items if o['now'][:10] != datetime.strptime(o['now'], '%Y-%m-%dT%H:%M:%SZ').replace(tzinfo=timezone.utc).astimezone(ZoneInfo(o['tz'])).date().isoformat()))
