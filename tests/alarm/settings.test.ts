import { describe, expect, it } from 'vitest';
import { alarmSettings } from '../../src/alarm/settings.ts';

describe('alarm settings from the environment', () => {
  it('links to the Actions run when there is one', () => {
    const result = alarmSettings({ GITHUB_REPOSITORY: 'o/r', GITHUB_RUN_ID: '9', GITHUB_SERVER_URL: 'https://github.com' });
    expect(result).toEqual({ ok: true, settings: { github: null, runUrl: 'https://github.com/o/r/actions/runs/9' } });
  });

  it('uses the public API unless GITHUB_API_URL says otherwise', () => {
    const result = alarmSettings({ GITHUB_REPOSITORY: 'o/r', GITHUB_TOKEN: 't' });
    expect(result).toMatchObject({ ok: true, settings: { github: { apiUrl: 'https://api.github.com', repository: 'o/r' }, runUrl: null } });
  });
});
