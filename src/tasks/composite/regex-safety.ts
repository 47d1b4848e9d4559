// A small regular-expression structure check: star height above one (an unbounded quantifier applied to a group
// that itself contains one, as in (a+)+ or (\w+\s?)*) is the classic catastrophic-backtracking shape.

/** Describes the first nested unbounded quantifier in `pattern`, or returns null when there is none. */
export function nestedQuantifier(pattern: string): string | null {
  // One entry per open group: does its content repeat without bound somewhere?
  const stack: boolean[] = [];
  let closedGroupRepeats: boolean | null = null; // set right after ')', null otherwise
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    const unbounded = ch === '*' || ch === '+' || (ch === '{' && /^\{\d+,\}/.test(pattern.slice(i)));
    if (unbounded) {
      if (closedGroupRepeats === true)
        return `unbounded quantifier '${ch}' on a group that already repeats without bound (offset ${i})`;
      if (stack.length > 0) stack[stack.length - 1] = true;
      closedGroupRepeats = null;
      continue;
    }
    closedGroupRepeats = null;
    if (ch === '\\') {
      i++;
    } else if (ch === '[') {
      i++;
      if (pattern[i] === '^') i++;
      if (pattern[i] === ']') i++;
      while (i < pattern.length && pattern[i] !== ']') i += pattern[i] === '\\' ? 2 : 1;
    } else if (ch === '(') {
      stack.push(false);
    } else if (ch === ')') {
      const repeats = stack.pop() ?? false;
      if (repeats && stack.length > 0) stack[stack.length - 1] = true;
      closedGroupRepeats = repeats;
    }
  }
  return null;
}
