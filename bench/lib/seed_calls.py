#!/usr/bin/env python3
"""Seeds a QDN Console database with a year of calls, each with the timeline, stored answers and voicemail the
webhooks would have written, in one transaction. Run it while the app is stopped, after it has migrated the file
and seeded its lines from configuration (the lines and cascade steps are read from the database).

Usage: seed_calls.py DATABASE CALLS
Times are stored as EF Core stores them on SQLite (UTC text 'yyyy-MM-dd HH:mm:ss.FFFFFFF'), enums as their names.
Prints how many calls, events, stored answers and voicemails it wrote.
"""
import datetime as dt
import random
import sqlite3
import sys

db_path, count = sys.argv[1], int(sys.argv[2])
rng = random.Random(6)  # issue 6: the same data on every run
utc_now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
# The newest seeded call started a day ago: none of them is live on the board (its live window is 4 h).
newest = utc_now - dt.timedelta(days=1)
oldest = newest - dt.timedelta(days=365)
# Fixed offsets are close enough to place calls in business hours.
utc_offset_hours = {'America/Los_Angeles': -8, 'America/New_York': -5}
names = ['ACME PLUMBING', 'GARCIA MARIA', 'NGUYEN T', 'SMITH JOHN', 'SAN DIEGO CA', 'WIRELESS CALLER', 'LOPEZ R', 'KIM S']

db = sqlite3.connect(db_path, isolation_level=None)
db.execute('PRAGMA foreign_keys=ON')
lines = [dict(zip(('id', 'name', 'number', 'zone'), row)) for row in db.execute('SELECT Id, Name, Number, TimeZone FROM Lines ORDER BY Id')]
for line in lines:
    line['steps'] = [dict(zip(('position', 'person_id', 'name', 'number', 'ring', 'screen'), row)) for row in db.execute(
        'SELECT s.Position, p.Id, p.Name, p.Number, s.RingSeconds, s.Screen FROM CascadeSteps s JOIN People p ON p.Id = s.PersonId '
        'WHERE s.LineId = ? ORDER BY s.Position', (line['id'],))]
if not lines or any(not line['steps'] for line in lines):
    sys.exit('seed_calls.py: the database has no lines with cascade steps: start the app once on it first')

# Callers: a few regulars call often, most numbers once or twice; some withhold their number.
regulars = [f'+1619555{n:04d}' for n in range(200)]
others = [f'+1{rng.choice((619, 858, 760, 212, 718))}{rng.randrange(2000000, 9999999)}' for _ in range(30000)]


def caller():
    roll = rng.random()
    return 'anonymous' if roll < 0.01 else rng.choice(regulars) if roll < 0.3 else rng.choice(others)


def stamp(t):
    text = t.strftime('%Y-%m-%d %H:%M:%S.%f').rstrip('0')
    return text.rstrip('.')


def clock(seconds):
    return f'{seconds // 60}:{seconds % 60:02d}'


def start_time(line):
    day = oldest + dt.timedelta(days=rng.randrange(365))
    local_hour = min(21, max(7, int(rng.gauss(13, 3))))
    t = day.replace(hour=0, minute=0, second=0, microsecond=0) + dt.timedelta(
        hours=local_hour - utc_offset_hours.get(line['zone'], 0), seconds=rng.randrange(3600), microseconds=rng.randrange(1000000))
    return min(max(t, oldest), newest)


def dial_xml(line, step, sid):
    return ('<?xml version="1.0" encoding="utf-8"?>\n<Response>\n'
            f'  <Dial action="/twilio/dial-result?line={line["id"]}&amp;step={step["position"]}" timeout="{step["ring"]}" answerOnBridge="true">\n'
            f'    <Number statusCallbackEvent="answered" statusCallback="/twilio/leg-status?line={line["id"]}&amp;step={step["position"]}'
            f'&amp;call={sid}">{step["number"]}</Number>\n  </Dial>\n</Response>')


VOICEMAIL_XML = ('<?xml version="1.0" encoding="utf-8"?>\n<Response>\n  <Say>Thank you for calling. Nobody could take your call right now. '
                 'Please leave your name, number and a short message after the beep, and we will call you back.</Say>\n'
                 '  <Record action="/twilio/voicemail?line=qdn&amp;reason=NoAnswer" finishOnKey="#" maxLength="180" playBeep="true"></Record>\n'
                 '  <Say>We did not receive a message. Goodbye.</Say>\n  <Hangup></Hangup>\n</Response>')


def voicemail_xml(line):
    return VOICEMAIL_XML.replace('line=qdn', f'line={line["id"]}')


EMPTY_XML = '<?xml version="1.0" encoding="utf-8"?>\n<Response></Response>'
GREETING = 'Thank you for calling. Nobody could take your call right now. Please leave your name, number and a short message after the beep.'


class Timeline:
    """The events and stored answers of one call, as the webhooks write them, in order."""

    def __init__(self, call_id, sid, line, t):
        self.call_id, self.sid, self.line, self.t = call_id, sid, line, t
        self.events, self.requests = [], []

    def event(self, kind, step=None, outcome=None, reason=None, duration=None, after=0.0):
        self.t += dt.timedelta(seconds=after)
        self.events.append((self.call_id, len(self.events), stamp(self.t), kind, step and step['position'], step and step['name'],
                            step and step['number'], outcome, reason, duration))

    def answer(self, key, xml):
        self.requests.append((self.call_id, key, stamp(self.t), xml))

    def ring(self, index):
        step = self.line['steps'][index]
        self.event('Ringing', step, 'screened' if step['screen'] else 'direct',
                   f'Ringing {step["name"]} for {step["ring"]} s' + (' (screened)' if step['screen'] else ''), step['ring'])
        self.answer('inbound' if index == 0 else f'dial:{index - 1}', dial_xml(self.line, step, self.sid))
        return step

    def no_answer(self, index):
        step = self.ring(index)
        busy = rng.random() < 0.15
        self.event('DialEnded', step, 'busy' if busy else 'no-answer',
                   f"{step['name']}'s phone was busy" if busy else f'{step["name"]} did not answer within {step["ring"]} s', 0,
                   after=rng.uniform(2, 8) if busy else step['ring'] + 5)

    def end(self, after):
        self.t += dt.timedelta(seconds=after)
        self.answer('status', EMPTY_XML)


def seed_call(call_id, line, t, disposition):
    sid = f'CA5eed{call_id:028x}'
    frm = caller()
    timeline = Timeline(call_id, sid, line, t)
    steps = line['steps']
    timeline.event('CallReceived', outcome='ringing', reason=f'Call from {frm} to {line["name"]}')
    answered_at = answered_step = voicemail_reason = status = None
    recording = None
    if disposition == 'Answered':
        k = 0 if rng.random() < 0.75 else rng.randrange(len(steps))
        for i in range(k):
            timeline.no_answer(i)
        step = timeline.ring(k)
        timeline.event('LegAnswered', step, 'in-progress', f"{step['name']}'s phone picked up", after=rng.uniform(3, 15))
        timeline.answer(f'leg:{k}:in-progress', EMPTY_XML)
        if step['screen']:
            timeline.event('ScreenPrompted', step, None, f'{step["name"]} picked up; asking to press 1', after=0.5)
            timeline.answer(f'screen:{k}', EMPTY_XML)
            timeline.event('ScreenAccepted', step, '1', f'{step["name"]} pressed 1 to accept', after=rng.uniform(2, 6))
            timeline.answer(f'screen-result:{k}', EMPTY_XML)
        answered_at, answered_step = timeline.t, step
        talk = rng.randrange(20, 900)
        timeline.event('DialEnded', step, 'completed', f'{step["name"]} answered', talk, after=talk)
        timeline.answer(f'dial:{k}', EMPTY_XML)
        timeline.event('Answered', step, None, f'{step["name"]} answered, talked {clock(talk)}', talk)
    elif disposition in ('Voicemail', 'Missed'):
        if rng.random() < 0.1:
            voicemail_reason = 'Unavailable'
            for step in steps:
                timeline.event('StepSkipped', step, 'unavailable', f'{step["name"]} is away')
            timeline.event('VoicemailGreeting', outcome='Unavailable', reason='Everyone is away: voicemail')
            timeline.answer('inbound', voicemail_xml(line))
        else:
            voicemail_reason = 'NoAnswer'
            for i in range(len(steps)):
                timeline.no_answer(i)
            timeline.event('VoicemailGreeting', outcome='NoAnswer', reason='Nobody answered: voicemail')
            timeline.answer(f'dial:{len(steps) - 1}', voicemail_xml(line))
        if disposition == 'Voicemail':
            length = rng.randrange(4, 120)
            timeline.event('VoicemailRecorded', outcome='recorded', reason=f'Message recorded ({clock(length)})', duration=length, after=12 + length)
            timeline.answer('voicemail', EMPTY_XML)
            recording = (length, stamp(timeline.t))
        else:
            timeline.event('CallEnded', outcome='hangup', reason='The caller left no message', after=rng.uniform(3, 15))
    elif disposition == 'Abandoned':
        j = rng.randrange(len(steps))
        for i in range(j):
            timeline.no_answer(i)
        step = timeline.ring(j)
        reason = f"Caller hung up while {step['name']}'s phone was ringing"
        timeline.event('DialEnded', step, 'no-answer', reason, 0, after=rng.uniform(2, step['ring']))
        timeline.event('CallerHungUp', outcome='completed', reason=reason)
    elif disposition == 'InProgress':  # its final status never arrived
        timeline.ring(0)
    if disposition == 'Failed':
        status = 'failed'
    elif disposition != 'InProgress':
        status = 'completed'
    duration = None
    if status:
        timeline.end(after=rng.uniform(0.5, 2))
        duration = max(1, int((timeline.t - t).total_seconds()))
        timeline.event('CallEnded', outcome=status, reason=f'Call ended: {status}, {clock(duration)}', duration=duration)
    call = (call_id, sid, line['id'], frm, line['number'], rng.choice(names) if rng.random() < 0.15 else None, stamp(t),
            answered_at and stamp(answered_at), stamp(timeline.t) if status else None, duration, status or 'in-progress', disposition,
            answered_step and answered_step['position'], answered_step and answered_step['person_id'], answered_step and answered_step['name'],
            voicemail_reason, 1 if rng.random() < 0.02 else 0)
    voicemail = None
    if recording:
        length, at = recording
        rec_sid = 'RE' + sid[2:]
        handled = t < newest - dt.timedelta(days=7) or rng.random() < 0.5
        voicemail = (call_id, line['id'], frm, rec_sid, f'https://api.twilio.com/2010-04-01/Accounts/AC0/Recordings/{rec_sid}', length,
                     voicemail_reason, GREETING, at, 1 if handled else 0, at if handled else None, 'owner@example.com' if handled else None)
    return call, timeline.events, timeline.requests, voicemail


dispositions = ['Answered'] * 58 + ['Voicemail'] * 22 + ['Missed'] * 9 + ['Abandoned'] * 8 + ['Failed'] * 2 + ['InProgress']
weights = [0.7] + [0.3 / max(1, len(lines) - 1)] * (len(lines) - 1)
picks = rng.choices(lines, weights=weights, k=count)
starts = sorted((start_time(line), n) for n, line in enumerate(picks))
first_id = db.execute('SELECT COALESCE(MAX(Id), 0) FROM Calls').fetchone()[0] + 1

calls, events, requests, voicemails = [], [], [], []
for offset, (t, n) in enumerate(starts):
    call, evts, reqs, voicemail = seed_call(first_id + offset, picks[n], t, rng.choice(dispositions))
    calls.append(call)
    events.extend(evts)
    requests.extend(reqs)
    if voicemail:
        voicemails.append(voicemail)

db.execute('BEGIN')
db.executemany('INSERT INTO Calls (Id, CallSid, LineId, "From", "To", CallerName, StartedAtUtc, AnsweredAtUtc, EndedAtUtc, DurationSeconds, '
               'TwilioStatus, Disposition, AnsweredStepPosition, AnsweredPersonId, AnsweredByName, VoicemailReason, IsTest) '
               'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)', calls)
db.executemany('INSERT INTO CallEvents (CallId, Sequence, AtUtc, Kind, StepPosition, PersonName, Target, Outcome, Reason, DurationSeconds) '
               'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)', events)
db.executemany('INSERT INTO CallRequests (CallId, RequestKey, ReceivedAtUtc, Response) VALUES (?, ?, ?, ?)', requests)
db.executemany('INSERT INTO Voicemails (CallId, LineId, "From", RecordingSid, RecordingUrl, DurationSeconds, Reason, Greeting, RecordedAtUtc, '
               'Handled, HandledAtUtc, HandledBy) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)', voicemails)
db.execute('COMMIT')
db.execute('PRAGMA wal_checkpoint(TRUNCATE)')
print(f'seeded {len(calls):,} calls ({stamp(starts[0][0])[:10]} to {stamp(starts[-1][0])[:10]}), {len(events):,} events, '
      f'{len(requests):,} stored answers, {len(voicemails):,} voicemails')
