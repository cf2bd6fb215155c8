import { describe, expect, it } from 'vitest';
import { FACE_TONES, groupFace, wordsOf } from '../../src/publish/view/face.ts';
import { storedGroup } from '../helpers/builders.ts';

const site = wordsOf('Spokane Tech');
const faceOf = (name: string, extra: { id?: string; imageUrl?: string | null } = {}) => groupFace(storedGroup({ name, ...extra }), site);

describe('a group’s face', () => {
  it('is a monogram of one or two letters that tell groups apart, not the city every group shares', () => {
    expect(faceOf('Spokane Python User Group').initials).toBe('Py');
    expect(faceOf('Spokane Rust').initials).toBe('Ru');
    expect(faceOf('Inland Northwest DevOps').initials).toBe('ID');
    expect(faceOf('Spokane DevOps').initials).toBe('DO');
    expect(faceOf('Spokane Tech').initials).toBe('ST');
    expect(faceOf('日本語勉強会').initials).toBe('日本');
    expect(faceOf('🚀', { id: 'rocket-club' }).initials).toBe('Ro');
  });

  it('keeps its colour, picked from the group’s id, whatever the group is called', () => {
    const a = faceOf('Spokane Python User Group', { id: 'python-spokane' });
    const b = faceOf('Python Spokane', { id: 'python-spokane' });
    expect(a.tone).toBe(b.tone);
    expect(a.tone).toBeGreaterThanOrEqual(0);
    expect(a.tone).toBeLessThan(FACE_TONES);
    const tones = new Set(['python-spokane', 'spokane-rust', 'inland-devops', 'dotnet-spokane', 'old-timers', 'ux-spokane'].map((id) => faceOf('x', { id }).tone));
    expect(tones.size).toBeGreaterThan(3);
  });

  it('shows the group’s own photo when its platform gave one, and only an http(s) one', () => {
    expect(faceOf('Spokane Rust', { imageUrl: 'https://images.example/rust.png' }).imageUrl).toBe('https://images.example/rust.png');
    expect(faceOf('Spokane Rust', { imageUrl: 'javascript:alert(1)' }).imageUrl).toBeNull();
  });
});
