// The stack most Twilio users start with: Express + the official Twilio SDK, nothing stored.
// Same cascade as QDN Console: Sergio (screened) -> Backup -> voicemail, signature checked on every request.
'use strict';
const express = require('express');
const twilio = require('twilio');

const port = Number(process.env.PORT || 5090);
// The host the requests were signed for (bench/webhook runs both servers at once, so the peer listens on another port).
const signedHost = process.env.SIGNED_HOST || `127.0.0.1:${port}`;
const authToken = process.env.TWILIO_AUTH_TOKEN;
const steps = [
  { name: 'Sergio', number: '+18585550101', ringSeconds: 20, screen: true },
  { name: 'Backup', number: '+18583354807', ringSeconds: 20, screen: false },
];

const app = express();
app.use(express.urlencoded({ extended: false }));
// The SDK's own middleware: validates X-Twilio-Signature against the URL Twilio used.
const validate = twilio.webhook(authToken, { protocol: 'http', host: signedHost });

function ring(response, index) {
  const step = steps[index];
  const dial = response.dial({ action: `/twilio/dial-result?line=qdn&step=${index}`, timeout: step.ringSeconds, answerOnBridge: true });
  dial.number(step.screen ? { url: `/twilio/screen?line=qdn&step=${index}` } : {}, step.number);
}

function voicemail(response) {
  response.say('Thank you for calling Queen of San Diego. Nobody could take your call right now. Please leave a message after the beep.');
  response.record({ action: '/twilio/voicemail?line=qdn&reason=NoAnswer', maxLength: 180, finishOnKey: '#', playBeep: true });
  response.say('We did not receive a message. Goodbye.');
  response.hangup();
}

app.post('/twilio/inbound-call', validate, (req, res) => {
  const response = new twilio.twiml.VoiceResponse();
  ring(response, 0);
  res.type('application/xml').send(response.toString());
});

app.post('/twilio/dial-result', validate, (req, res) => {
  const response = new twilio.twiml.VoiceResponse();
  const step = Number(req.query.step || 0);
  const bridged = req.body.DialBridged ? req.body.DialBridged === 'true' : req.body.DialCallStatus === 'completed';
  if (bridged) response.hangup();
  else if (step + 1 < steps.length) ring(response, step + 1);
  else voicemail(response);
  res.type('application/xml').send(response.toString());
});

app.post('/twilio/voicemail', validate, (req, res) => {
  const response = new twilio.twiml.VoiceResponse();
  response.say('Thank you. Your message has been recorded. Goodbye.');
  response.hangup();
  res.type('application/xml').send(response.toString());
});

app.post('/twilio/call-status', validate, (req, res) => res.type('application/xml').send('<Response/>'));

app.listen(port, '127.0.0.1', () => console.log(`peer listening on http://127.0.0.1:${port}`));
