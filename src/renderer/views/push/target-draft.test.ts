import { describe, expect, it } from 'vitest';
import { pushTargetSchema, type PushTarget } from '../../../shared/push-settings.js';
import { redactSecrets } from '../../../shared/secrets.js';
import { splitIssues } from '../../lib/forms/issue-fields.js';
import { checkDraft, draftFromTarget, emptyDraft, fieldOfPath, targetFromDraft } from './target-draft.js';

/** The target as the page gets it from the engine: the token a marker, the URL's credentials `***`. */
const stored: PushTarget = redactSecrets(
  pushTargetSchema,
  pushTargetSchema.parse({
    name: 'influx2',
    kind: 'influx',
    url: 'https://u:pw@influx.lan:8086',
    auth: { type: 'token', token: 'stored-token-0042' },
    influx: { version: 2, org: 'home', bucket: 'metrics' },
    interval: '5m',
  }),
);

describe('draftFromTarget / targetFromDraft', () => {
  it('shows no secret and round-trips to the same target, the marker standing for the token', () => {
    expect(stored.auth).toEqual({ type: 'token', token: { set: true, last4: '0042' } });
    const draft = draftFromTarget(stored);
    expect(draft.secret).toBe('');
    expect(draft.url).toBe('https://***:***@influx.lan:8086/');
    expect(draft.interval).toBe('5m');
    expect(pushTargetSchema.parse(targetFromDraft(draft, stored))).toEqual(stored);
  });

  it('takes a typed secret over the stored one, and keeps the stored one across bearer/token', () => {
    const draft = { ...draftFromTarget(stored), secret: 'typed' };
    expect(targetFromDraft(draft, stored).auth).toEqual({ type: 'token', token: 'typed' });
    const bearer = { ...draftFromTarget(stored), authType: 'bearer' as const };
    expect(targetFromDraft(bearer, stored).auth).toEqual({ type: 'bearer', token: { set: true, last4: '0042' } });
  });

  it('turns empty optional fields into defaults and nulls', () => {
    const target = targetFromDraft({
      ...emptyDraft(),
      name: ' web ',
      url: 'http://h/ingest',
      interval: '',
      timeout: '15000',
    });
    expect(target).toMatchObject({ name: 'web', auth: null, timeout: 15000 });
    expect(target).not.toHaveProperty('interval');
    expect(target).not.toHaveProperty('batchSize');
    expect(target.influx).toMatchObject({ org: null, bucket: null });
  });
});

describe('checkDraft', () => {
  it('asks for a token only when none is stored', () => {
    const draft = { ...emptyDraft(), authType: 'bearer' as const };
    expect(checkDraft(draft)).toEqual({ secret: 'enter the token' });
    expect(checkDraft({ ...draftFromTarget(stored) }, stored)).toEqual({});
    expect(checkDraft({ ...draft, authType: 'basic' })).toEqual({});
  });
});

describe('splitIssues', () => {
  it('maps the edited target’s paths to fields and keeps the rest for the summary', () => {
    const split = splitIssues(
      {
        'push.targets.2.url': 'must be an http:// or https:// URL',
        'push.targets.2.auth.token': 'too short',
        'push.targets.2.influx.bucket': 'required',
        'push.targets.0.name': 'duplicate target name "a"',
        '(root)': 'disk full',
      },
      fieldOfPath,
      'push.targets.2.',
    );
    expect(split.fields).toEqual({
      url: 'must be an http:// or https:// URL',
      secret: 'too short',
      bucket: 'required',
    });
    expect(split.other).toEqual(['push.targets.0.name: duplicate target name "a"', 'disk full']);
    expect(splitIssues({ 'auth.header': 'bad header' }, fieldOfPath).fields).toEqual({ header: 'bad header' });
  });
});
