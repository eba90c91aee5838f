import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';

/** Where Debian's `libfaketime` puts its preload library (the multi-threaded one: Node runs threads). */
const LIBRARY_CANDIDATES = [
  '/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1',
  '/usr/lib/aarch64-linux-gnu/faketime/libfaketimeMT.so.1',
  '/usr/lib/faketime/libfaketimeMT.so.1',
];

function findLibrary(): string | undefined {
  return LIBRARY_CANDIDATES.find((candidate) => existsSync(candidate));
}

/**
 * The dispatcher's wall clock under libfaketime: `set('+1h')` steps it an hour ahead (as an NTP step or
 * a resumed VM would), `set('+0')` back. Only the wall clock moves (`DONT_FAKE_MONOTONIC`), so the
 * process's timers keep firing; PostgreSQL's clock, which stores every retry time, does not move.
 */
export class FaketimeClock {
  private constructor(
    private readonly library: string,
    private readonly offsetFile: string,
  ) {}

  /** Installs Debian's libfaketime when missing (as `npm test` installs kcat), and starts at `+0`. */
  static async prepare(offsetFile: string, log: (line: string) => void): Promise<FaketimeClock> {
    let library = findLibrary();
    if (!library) {
      log('installing libfaketime with apt-get (the clock faults preload it into the dispatcher)');
      const install = spawnSync(
        'apt-get',
        ['install', '-y', '-q', '--no-install-recommends', 'libfaketime'],
        {
          stdio: 'ignore',
          env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
        },
      );
      library = findLibrary();
      if (!library)
        throw new Error(`libfaketime is needed for the clock faults (apt-get exited ${install.status})`);
    }
    const clock = new FaketimeClock(library, offsetFile);
    await clock.set('+0');
    return clock;
  }

  /** The dispatcher's environment: the preload reads the offset file again at most once a second. */
  env(): Record<string, string> {
    return {
      LD_PRELOAD: this.library,
      FAKETIME_TIMESTAMP_FILE: this.offsetFile,
      FAKETIME_CACHE_DURATION: '1',
      DONT_FAKE_MONOTONIC: '1',
    };
  }

  /** A libfaketime offset such as `+1h`, `-30m` or `+0`. */
  async set(offset: string): Promise<void> {
    await writeFile(this.offsetFile, `${offset}\n`);
  }
}
