/**
 * A backup or restore that cannot go on for a reason the operator must fix (a wrong path, a
 * non-empty database, a corrupted file, a dump tool older than the server). The CLI prints the
 * message alone and exits with code 1; every other error is unexpected.
 */
export class BackupRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupRefusal';
  }
}
