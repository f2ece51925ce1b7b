import { matchesPatternList, wildcardMatch } from '../../src/custom/glob';
import { ANY_ITEM, ANY_VALUE, expandPath, parseFieldPath } from '../../src/custom/path';
import { backtrackingRisk, compileSafeRegex, linearEngineAvailable, spellOutCounts, UnsafeRegexError } from '../../src/custom/regex';
import { MESSAGE_ROOTS, parseTemplate, renderTemplate, substitute, SubstitutionError, TemplateError } from '../../src/custom/template';

describe('wildcards', () => {
  test.each([
    ['*', '', true],
    ['prod-*', 'prod-eu', true],
    ['prod-*', 'prod', false],
    ['*-prod', 'eu-prod', true],
    ['a?c', 'abc', true],
    ['a?c', 'ac', false],
    ['*a*b*', 'xaxxbx', true],
    ['*a*b*', 'xbxa', false],
    ['exact', 'exact', true],
  ])('%s ~ %s = %s', (pattern, text, expected) => {
    expect(wildcardMatch(pattern, text)).toBe(expected);
  });

  test('long texts with many stars stay fast', () => {
    const started = Date.now();
    expect(wildcardMatch('*a*a*a*a*a*b', 'a'.repeat(50_000))).toBe(false);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  test('pattern lists: ! excludes; no namespace matches only lists without positive patterns', () => {
    expect(matchesPatternList(['prod', 'prod-*'], 'prod-eu')).toBe(true);
    expect(matchesPatternList(['prod', 'prod-*'], 'dev')).toBe(false);
    expect(matchesPatternList(['!kube-*'], 'shop')).toBe(true);
    expect(matchesPatternList(['!kube-*'], 'kube-system')).toBe(false);
    expect(matchesPatternList(['prod-*', '!prod-test'], 'prod-test')).toBe(false);
    expect(matchesPatternList(['!kube-system'], null)).toBe(true);
    expect(matchesPatternList(['prod'], null)).toBe(false);
  });
});

describe('field paths', () => {
  test('dots, indexes, quoted keys and wildcards', () => {
    expect(parseFieldPath('metadata.labels["app.kubernetes.io/name"]')).toEqual(['metadata', 'labels', 'app.kubernetes.io/name']);
    expect(parseFieldPath("metadata.annotations['a.b/c']")).toEqual(['metadata', 'annotations', 'a.b/c']);
    expect(parseFieldPath('spec.containers[0].image')).toEqual(['spec', 'containers', 0, 'image']);
    expect(parseFieldPath('volumes[*].hostPath.path')).toEqual(['volumes', ANY_ITEM, 'hostPath', 'path']);
    expect(parseFieldPath('data.*')).toEqual(['data', ANY_VALUE]);
    expect(parseFieldPath('[*].name')).toEqual([ANY_ITEM, 'name']);
  });

  test.each([
    ['metadata.labels[app]', /neither an index, `\[\*\]` nor a quoted key \(write \["app"\]\)/],
    ['metadata.', /ends with `.`/],
    ['spec..x', /unexpected `.`/],
    ['a["b', /never closed/],
    ['a[0', /never closed/],
    ['', /empty path/],
    ['a b', /unexpected ` `/],
  ])('%s is refused: %s', (text, message) => {
    expect(() => parseFieldPath(text)).toThrow(message);
  });

  test('wildcards are refused where a single value is meant', () => {
    expect(() => parseFieldPath('a[*]', false)).toThrow(/wildcards are not allowed/);
  });

  test('expansion: one match without wildcards (undefined when absent), every item with them', () => {
    const root = { volumes: [{ name: 'a', hostPath: { path: '/x' } }, { name: 'b' }], data: { k: 1, l: 2 } };
    expect(expandPath(root, parseFieldPath('missing.field'))).toEqual([{ path: ['missing', 'field'], value: undefined }]);
    expect(expandPath(root, parseFieldPath('volumes[*].hostPath.path'))).toEqual([
      { path: ['volumes', 0, 'hostPath', 'path'], value: '/x' },
      { path: ['volumes', 1, 'hostPath', 'path'], value: undefined },
    ]);
    expect(expandPath(root, parseFieldPath('data.*')).map((m) => m.value)).toEqual([1, 2]);
    expect(expandPath(root, parseFieldPath('nothing[*].x'))).toEqual([]);
  });
});

describe('placeholders', () => {
  test('parsing and rendering, with or without the leading dot', () => {
    const parts = parseTemplate('{{ .object.metadata.name }} uses {{value}} ({{ .params.list }})', MESSAGE_ROOTS);
    expect(renderTemplate(parts, { object: { metadata: { name: 'web' } }, value: 'x', params: { list: ['a', 'b'] } })).toBe('web uses x (a, b)');
    expect(renderTemplate(parseTemplate('{{ .value }}', MESSAGE_ROOTS), {})).toBe('(absent)');
    expect(renderTemplate(parseTemplate('{{ .object.metadata.labels["app.kubernetes.io/name"] }}', MESSAGE_ROOTS), { object: { metadata: { labels: { 'app.kubernetes.io/name': 'n' } } } })).toBe('n');
  });

  test('unknown roots are refused with a suggestion', () => {
    expect(() => parseTemplate('{{ .parms.x }}', MESSAGE_ROOTS)).toThrow(/unknown placeholder `.parms` here .*did you mean .params\?/);
    expect(() => parseTemplate('{{ .metadata.name }}', MESSAGE_ROOTS)).toThrow(/did you mean \{\{ \.object\.metadata\.name \}\}\?/);
    expect(() => parseTemplate('{{ .object.metadata.name }}', ['params'])).toThrow(/unknown placeholder `.object` here \(available: .params\)/);
    expect(() => parseTemplate('{{ .value', MESSAGE_ROOTS)).toThrow(TemplateError);
    expect(() => parseTemplate('{{ .object.a[*] }}', MESSAGE_ROOTS)).toThrow(/wildcards are not allowed/);
  });

  test('substitution: a whole placeholder keeps the value type, missing values drop the key', () => {
    const scope = { params: { list: ['a'], n: 3, name: 'x' } };
    expect(substitute({ in: '{{ .params.list }}', max: '{{ .params.n }}', text: 'id-{{ .params.name }}', runtime: '{{ .object.metadata.name }}', gone: '{{ .params.missing }}' }, scope, ['params'], MESSAGE_ROOTS)).toEqual({
      in: ['a'],
      max: 3,
      text: 'id-x',
      runtime: '{{ .object.metadata.name }}',
    });
    expect(() => substitute({ a: ['x-{{ .params.missing }}'] }, scope, ['params'], MESSAGE_ROOTS)).toThrow(SubstitutionError);
    try {
      substitute({ a: ['x-{{ .params.missing }}'] }, scope, ['params'], MESSAGE_ROOTS);
    } catch (error) {
      expect((error as SubstitutionError).detail.path).toEqual(['a', 0]);
    }
  });
});

describe('safe regular expressions', () => {
  test('the linear-time engine is available on this Node.js', () => {
    expect(linearEngineAvailable()).toBe(true);
  });

  test('patterns run in linear time: no catastrophic backtracking on hostile input', () => {
    const started = Date.now();
    expect(compileSafeRegex('^(a+)+$').test(`${'a'.repeat(100_000)}!`)).toBe(false);
    expect(compileSafeRegex('.*x.*y').test('x'.repeat(100_000))).toBe(false);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  test('patterns the linear engine cannot run are refused with the reason', () => {
    expect(() => compileSafeRegex('(a)\\1')).toThrow(/backreferences \(\\1\) are not supported/);
    expect(() => compileSafeRegex('(?<x>a)\\k<x>')).toThrow(/backreferences/);
    expect(() => compileSafeRegex('foo(?!bar)')).toThrow(/cannot run in linear time/);
    expect(() => compileSafeRegex('a{1000}')).toThrow(/cannot run in linear time/);
    expect(() => compileSafeRegex('(')).toThrow(/invalid regular expression/);
    expect(() => compileSafeRegex('a'.repeat(1001))).toThrow(/longer than 1000/);
  });

  test('counted repetitions above the engine\'s 16 run (kube-linter\'s IAM role ARN pattern), spelt out', () => {
    const arn = compileSafeRegex(String.raw`^arn:aws:iam::\d{12}:role/[\w+=,.@-]{1,64}$`);
    expect(arn.linear).toBe(true);
    const prefix = 'arn:aws:iam::121212121212:role/';
    expect(arn.test(`${prefix}role-name-goes-here`)).toBe(true);
    expect(arn.test(`${prefix}${'a'.repeat(64)}`)).toBe(true);
    expect(arn.test(`${prefix}${'a'.repeat(65)}`)).toBe(false);
    expect(arn.test(prefix)).toBe(false);
    expect(arn.test('arn:aws:iam::12121212121:role/x')).toBe(false);
    const label = compileSafeRegex('^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$');
    expect(label.test(`a${'b'.repeat(61)}c`)).toBe(true);
    expect(label.test(`a${'b'.repeat(62)}c`)).toBe(false);
    const open = compileSafeRegex('^(ab){20,}$');
    expect(open.test('ab'.repeat(20))).toBe(true);
    expect(open.test('ab'.repeat(19))).toBe(false);
  });

  test('spelling out counts keeps escapes, classes and groups whole', () => {
    expect(spellOutCounts('a{2,4}')).toBe('(?:a)(?:a)(?:a)?(?:a)?');
    expect(spellOutCounts(String.raw`\x41{2}`)).toBe(String.raw`(?:\x41)(?:\x41)`);
    expect(spellOutCounts('[a-z]{1,2}b{2,}')).toBe('(?:[a-z])(?:[a-z])?(?:b)(?:b)(?:b)*');
    expect(spellOutCounts('(x|[)]){2}?')).toBe('(?:(x|[)]))(?:(x|[)]))');
    expect(spellOutCounts('(?:a{2}){2}')).toBe('(?:(?:(?:a)(?:a)))(?:(?:(?:a)(?:a)))');
    expect(spellOutCounts('^{2}')).toBe('^{2}');
    expect(spellOutCounts('a{3,2}')).toBeUndefined();
    expect(spellOutCounts('(a')).toBeUndefined();
  });

  test('ordinary patterns work', () => {
    const r = compileSafeRegex('^[a-z0-9]([-a-z0-9]*[a-z0-9])?$');
    expect(r.linear).toBe(true);
    expect(r.test('my-app')).toBe(true);
    expect(r.test('My-App')).toBe(false);
  });

  describe('static check (used where the linear engine is unavailable)', () => {
    test.each([
      ['(a+)+$', /nested quantifiers/],
      ['(a*)*', /nested quantifiers/],
      ['(\\w+\\s?)*$', /nested quantifiers/],
      ['(a|a)*$', /alternatives can start with the same character/],
      ['(a|ab)+c', /alternatives can start with the same character/],
      ['(.|x)*', /alternatives can start with the same character/],
      ['(a|)*', /empty alternative/],
      ['\\d*\\d*x', /adjacent repetitions/],
      ['.*.*=', /adjacent repetitions/],
      ['(x)\\1', /backreferences/],
      ['^v?(\\.[0-9]+){0,2}$', /nested quantifiers/],
    ])('%s is refused', (pattern, reason) => {
      expect(backtrackingRisk(pattern)).toMatch(reason);
      expect(() => compileSafeRegex(pattern, { forceBacktracking: true })).toThrow(UnsafeRegexError);
    });

    test.each(['^[a-z]+$', '(foo|bar)+', '^v?[0-9]+(\\.[0-9]+)?(\\.[0-9]+)?([-+][0-9A-Za-z.-]+)?$', ':latest$', '^[^@]*/[^/:@]+$', '(ab)*c', 'a+b+', '(?:x|y)?z*', '[a-z]*\\.'])('%s is accepted', (pattern) => {
      expect(backtrackingRisk(pattern)).toBeUndefined();
    });

    test('on the backtracking engine, values longer than the bound are not tested', () => {
      const r = compileSafeRegex('^a+$', { forceBacktracking: true });
      expect(r.linear).toBe(false);
      expect(r.test('aaa')).toBe(true);
      expect(r.test('a'.repeat(5000))).toBeUndefined();
    });
  });
});
