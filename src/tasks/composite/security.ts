// Security fix: an exploit test must stop working while functional tests keep passing. The hidden tests hold both;
// ReDoS tasks also require every regex in the file to have no nested unbounded repetition (checked on the AST).
import type { FileMap } from '../../sandbox/types.ts';
import {
  answerBetween,
  commentOnlyAnswer,
  compositeGenerator,
  type BuildContext,
  type CompositeDraft,
} from './generator.ts';
import { fillerModules, renderHiddenTests, renderSources, renderVisibleTests } from './layout.ts';
import { SECURITY_SCENARIOS, type SecurityScenario } from './security-scenarios.ts';

export const SECURITY_FAMILIES = SECURITY_SCENARIOS.map((s) => s.family);

function testFile(s: SecurityScenario, body: string, title: string): string {
  return `import { ${s.fn} } from '../src/${s.file}.js';\n\ndescribe(${JSON.stringify(title)}, () => {\n${body}\n});\n`;
}

async function build(ctx: BuildContext): Promise<CompositeDraft | null> {
  const s = SECURITY_SCENARIOS.find((x) => x.family === ctx.family);
  if (!s) throw new Error(`security-fix: unknown scenario ${ctx.family}`);
  const path = `src/${s.file}.js`;
  const fillers = fillerModules(ctx.level, ctx.rng);
  const repo: FileMap = {
    ...renderSources(fillers),
    ...renderVisibleTests(fillers),
    [path]: s.vulnerable,
    [`test/${s.file}.test.js`]: testFile(s, s.functional, s.fn),
  };
  const hiddenTests: FileMap = {
    ...renderHiddenTests(fillers),
    [`test/${s.file}.hidden.test.js`]: testFile(s, `${s.functional}\n${s.hiddenFunctional}`, s.fn),
    [`test/${s.file}.exploit.test.js`]: testFile(s, s.exploit, `${s.fn} exploit`),
  };
  const report = s.reports[ctx.level <= 2 ? 0 : ctx.level === 3 ? 1 : 2];
  return {
    files: repo,
    statement: report,
    hidden: {
      tests: hiddenTests,
      oracle: answerBetween(repo, { ...repo, [path]: s.fixed }),
      negatives: [
        commentOnlyAnswer(repo, path),
        answerBetween(repo, { ...repo, [path]: s.incompleteFix }),
        answerBetween(repo, { ...repo, [path]: s.overFix }),
      ],
      changedFiles: [path],
      ...(s.checkRegexes ? { safeRegexFile: path } : {}),
      note: `${s.family} in ${s.fn}`,
    },
  };
}

export const generateSecurityFix = compositeGenerator('security-fix', SECURITY_FAMILIES, build);
