#!/usr/bin/env python3
"""Pre-signs Twilio webhook requests for wrk to replay: each call has a fresh CallSid.

Usage: make_requests.py MODE BASE_URL AUTH_TOKEN CALLS PHASE OUT THREADS
  MODE     inbound (one request per call) or cascade (inbound, two dial results, voicemail, status per call)
  PHASE    a name for the batch ('a' warm-up, 'b' measured...): batches with different phases share no CallSid.
           CallSids are random-looking, as Twilio's are, and the same for the same phase on every run
  THREADS  wrk's thread count: call i goes to file OUT.(i % THREADS), whole and in order, one file per wrk thread
Each file holds complete HTTP/1.1 requests, each followed by a NUL byte, ready to send as they are: the wrk thread
only slices them out (bench/lib/replay.lua), so the load generator spends its time on sending, not on preparing
requests, and starts at once (wrk runs its first thread while it sets up the next).
"""
import base64
import hashlib
import hmac
import sys
import urllib.parse

mode, base, token, calls, phase, out, threads = (
    sys.argv[1], sys.argv[2].rstrip('/'), sys.argv[3].encode(), int(sys.argv[4]), sys.argv[5], sys.argv[6], int(sys.argv[7]))
host = urllib.parse.urlsplit(base).netloc


def sign(url, form):
    data = url + ''.join(k + form[k] for k in sorted(form))
    return base64.b64encode(hmac.new(token, data.encode(), hashlib.sha1).digest()).decode()


def call_form(sid, status):
    # Every parameter Twilio sends with a call from a US number to a US Twilio number, with its geography fields
    # (the account is fake: 'AC' and 32 x's, the placeholder Twilio's docs use). A real request also carries a
    # CallToken of several hundred characters when the account forwards calls; it is left out, which favours
    # neither side.
    caller = {'City': 'SAN DIEGO', 'State': 'CA', 'Zip': '92103', 'Country': 'US'}
    called = {'City': 'LA JOLLA', 'State': 'CA', 'Zip': '92037', 'Country': 'US'}
    form = {
        'AccountSid': 'AC' + 'x' * 32, 'ApiVersion': '2010-04-01', 'CallSid': sid,
        'CallStatus': status, 'Called': '+18585550100', 'Caller': '+16195550199', 'Direction': 'inbound',
        'From': '+16195550199', 'To': '+18585550100', 'StirVerstat': 'TN-Validation-Passed-A',
    }
    for prefix, place in (('Caller', caller), ('From', caller), ('Called', called), ('To', called)):
        form.update({prefix + key: value for key, value in place.items()})
    return form


def requests_for(sid):
    yield '/twilio/inbound-call', call_form(sid, 'ringing')
    if mode != 'cascade':
        return
    for step in (0, 1):
        form = call_form(sid, 'ringing')
        form.update({'DialCallStatus': 'no-answer', 'DialBridged': 'false', 'DialCallSid': 'CA' + 'd' * 32, 'DialCallDuration': '0'})
        yield f'/twilio/dial-result?line=qdn&step={step}', form
    form = call_form(sid, 'in-progress')
    form.update({'RecordingSid': 'RE' + sid[2:], 'RecordingUrl': 'https://api.twilio.com/2010-04-01/Accounts/AC0/Recordings/RE' + sid[2:], 'RecordingDuration': '9'})
    yield '/twilio/voicemail?line=qdn&reason=NoAnswer', form
    form = call_form(sid, 'completed')
    form['CallDuration'] = '50'
    yield '/twilio/call-status', form




def http_request(path, form):
    body = urllib.parse.urlencode(form)
    return (f'POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/x-www-form-urlencoded\r\n'
            f'X-Twilio-Signature: {sign(base + path, form)}\r\nContent-Length: {len(body)}\r\n\r\n{body}\0')


files = [open(f'{out}.{t}', 'w', newline='') for t in range(threads)]
for i in range(calls):
    # Twilio's CallSids are random (CA + 32 hex digits), so each new call lands on a random page of whatever index
    # holds them, among every call stored before. Counting upwards appended every call to the index's last page
    # instead, which flattered QDN by about 15 % (bench/README, fifth round); a phase digit first put each round's
    # calls in a fresh corner of the index, which flattered it too (sixth round). A cryptographic hash of the phase and
    # i is as random as Twilio's, yet the same on every run.
    sid = 'CA' + hashlib.blake2b(f'{phase}:{i}'.encode(), digest_size=16).hexdigest()
    files[i % threads].write(''.join(http_request(path, form) for path, form in requests_for(sid)))
for f in files:
    f.close()
