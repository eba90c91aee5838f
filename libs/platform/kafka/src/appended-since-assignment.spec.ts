import { AppendedSinceAssignment } from './appended-since-assignment';

describe('AppendedSinceAssignment', () => {
  it("takes the mark from the first batch's high watermark after an assignment", () => {
    const appended = new AppendedSinceAssignment();
    expect(appended.firstNewOffset('t', 0, '10')).toBe(10n);
    expect(appended.firstNewOffset('t', 0, '25')).toBe(10n);
    expect(appended.firstNewOffset('t', 1, '3')).toBe(3n);
    appended.reset();
    expect(appended.firstNewOffset('t', 0, '40')).toBe(40n);
  });

  it('never counts a record handed on before as new, after a rejoin with an older high watermark', () => {
    const appended = new AppendedSinceAssignment();
    appended.firstNewOffset('t', 0, '10');
    appended.handedOn('t', 0, '10');
    appended.handedOn('t', 0, '29');
    appended.reset();
    // A batch fetched before the rejoin, handled after it: its high watermark is older than what was handed.
    expect(appended.firstNewOffset('t', 0, '12')).toBe(30n);
    expect(appended.firstNewOffset('t', 1, '12')).toBe(12n);
  });

  it('counts a batch read again after its handler failed as old', () => {
    const appended = new AppendedSinceAssignment();
    expect(appended.firstNewOffset('t', 0, '10')).toBe(10n);
    appended.handedOn('t', 0, '14');
    expect(appended.firstNewOffset('t', 0, '15')).toBe(15n);
    appended.handedOn('t', 0, '12');
    expect(appended.firstNewOffset('t', 0, '15')).toBe(15n);
  });
});
