/**
 * Exit codes of the `bitig` command. Scripts rely on them: a number keeps its meaning forever,
 * new situations get new numbers.
 */
export const EXIT = {
  OK: 0,
  /** Something went wrong that is not one of the cases below. */
  FAILURE: 1,
  /** The command line itself was wrong (unknown command or option, bad value). */
  USAGE: 2,
  /** The station's database is damaged, too new, or cannot be opened. */
  STORE: 3,
  /** A system or device the command needs could not be reached. */
  UNAVAILABLE: 4,
  /** The other side answered and refused (e.g. a refused loan); later commands use it. */
  REFUSED: 5,
} as const;
