import { describe, expect, it } from 'vitest';
import { displayNameProblem, passwordProblem } from './passwords';

describe('passwordProblem', () => {
  it('counts characters, not bytes, for the minimum', () => {
    expect(passwordProblem('1234567')).not.toBeNull();
    expect(passwordProblem('12345678')).toBeNull();
    expect(passwordProblem('éééééééé')).toBeNull();
  });

  it('caps the length in bytes', () => {
    expect(passwordProblem('a'.repeat(1024))).toBeNull();
    expect(passwordProblem('a'.repeat(1025))).not.toBeNull();
    expect(passwordProblem('é'.repeat(513))).not.toBeNull();
  });
});

describe('displayNameProblem', () => {
  it('wants 1 to 80 characters once trimmed', () => {
    expect(displayNameProblem('   ')).not.toBeNull();
    expect(displayNameProblem(' Gwen ')).toBeNull();
    expect(displayNameProblem('x'.repeat(81))).not.toBeNull();
  });
});
