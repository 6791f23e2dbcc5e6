// Text a hostile file or link may hold, for property tests of what is written out as code.
import fc from 'fast-check';

/** Strings of any code points, lone surrogates and quotes included. */
export const anyText = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string({ unit: fc.constantFrom("'", '"', '\\', '\n', '\r', '#', '{', '}', '\u2028', '\ud800', 'é', '🚀', '\0', ' ') }),
);
