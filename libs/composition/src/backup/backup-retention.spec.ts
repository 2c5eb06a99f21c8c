import { backupName, backupsToKeep } from './backup-retention';

describe('scheduled backup retention', () => {
  it('names a backup by its UTC instant', () => {
    expect(backupName(new Date('2026-12-07T19:00:05.123Z'))).toBe('portal-20261207T190005Z.tar');
  });

  it('keeps the newest of each of N days and of each of M months, in Vietnam time', () => {
    const names = [
      // Two runs on 7 December (local): 02:00 and 02:00 + a manual rerun at 10:00.
      'portal-20261206T190000Z.tar', // 7 Dec 02:00 local
      'portal-20261207T030000Z.tar', // 7 Dec 10:00 local (newest of 7 Dec)
      'portal-20261207T190000Z.tar', // 8 Dec
      'portal-20261208T190000Z.tar', // 9 Dec
      'portal-20261130T190000Z.tar', // 1 Dec
      'portal-20261115T190000Z.tar', // 16 Nov
      'portal-20261031T170000Z.tar', // 1 Nov 00:00 local: November, not October
      'portal-20261030T190000Z.tar', // 31 Oct
      'portal-20260930T190000Z.tar', // 1 Oct
      'notes.txt',
    ];
    expect([...backupsToKeep(names, 3, 3)].sort()).toEqual(
      [
        'portal-20261208T190000Z.tar', // 9 Dec: daily, and December's newest
        'portal-20261207T190000Z.tar', // 8 Dec
        'portal-20261207T030000Z.tar', // 7 Dec
        'portal-20261115T190000Z.tar', // November's newest
        'portal-20261030T190000Z.tar', // October's newest
      ].sort(),
    );
    expect(backupsToKeep(names, 0, 0).size).toBe(0);
    expect(backupsToKeep(['notes.txt'], 7, 12).size).toBe(0);
  });
});
