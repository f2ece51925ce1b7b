import { isBase64, isDateTime, isInt32, isInt64, isMicroTime, isQuantity } from '../../src/schema/formats';

describe('quantity grammar (resource.ParseQuantity)', () => {
  test.each([
    '1Gi', '500m', '1e3', '+1.5', '.5', '1', '0', '-1', '1.', '1.G', '007', '100Mi', '1.5Gi', '2k', '1M', '1G', '1T', '1P',
    '1E', '1Ki', '1Ti', '1Pi', '1Ei', '1n', '1u', '1E3', '1e-3', '1e+3', '1.5e3', '12345678901234567890',
    ' 1Gi', '1Gi\n', // Quantity.UnmarshalJSON trims white space
  ])('valid: %j', (text) => {
    expect(isQuantity(text)).toBe(true);
  });

  test.each([
    '1 GB', '1gi', '1GB', '1K', '1KB', '1kB', '1mi', '1 Gi', '', ' ', '1e', '1e+', '1e3.5', '1.5.5', '0x10', '1_000',
    'abc', '1,5', '1Gi1', '1e3Gi', '--1', '1/2', 'Infinity', 'NaN',
  ])('invalid: %j', (text) => {
    expect(isQuantity(text)).toBe(false);
  });

  // Go's ParseQuantity reads these as zero and the API server accepts them; so does kubevet.
  test.each(['Gi', 'e3', '.', '+', '-', 'm'])('accepted as zero like the API server: %j', (text) => {
    expect(isQuantity(text)).toBe(true);
  });
});

describe('byte (base64, as Go decodes []byte)', () => {
  test.each(['', 'YQ==', 'YWI=', 'YWJj', 'aGVsbG8gd29ybGQ=', 'YWJj\nZGVm', 'YWJj\r\nZGVm\n', '+/+/'])('valid: %j', (text) => {
    expect(isBase64(text)).toBe(true);
  });
  test.each(['YQ', 'YWI', 'not base64!', 'YW Jj', '-_-_', 'YQ===', '=YWJ', 'YQ==YQ=='])('invalid: %j', (text) => {
    expect(isBase64(text)).toBe(false);
  });
});

describe('date-time (time.RFC3339)', () => {
  test.each(['2024-02-29T12:00:00Z', '2025-01-01T00:00:00+02:00', '2025-01-01T23:59:59.123456Z', '2025-12-31T00:00:00-11:30'])('valid: %j', (text) => {
    expect(isDateTime(text)).toBe(true);
  });
  test.each(['2025-02-29T12:00:00Z', '2025-01-01 00:00:00Z', '2025-01-01t00:00:00z', '2025-01-01T24:00:00Z', '2025-13-01T00:00:00Z', '2025-01-01T00:00:60Z', '2025-01-01', '2025-01-01T00:00:00', '2025-01-01T00:00:00+2:00'])('invalid: %j', (text) => {
    expect(isDateTime(text)).toBe(false);
  });
});

describe('micro-time (MicroTime: layout 2006-01-02T15:04:05.000000Z07:00)', () => {
  test.each([
    ['2025-01-01T00:00:00.123456Z', true],
    ['2025-01-01T00:00:00.000000+01:00', true],
    ['2025-01-01T00:00:00Z', false],
    ['2025-01-01T00:00:00.123Z', false],
    ['2025-01-01T00:00:00.1234567Z', false],
    ['2025-02-30T00:00:00.123456Z', false],
  ])('%j → %s', (text, valid) => {
    expect(isMicroTime(text)).toBe(valid);
  });
});

describe('integer formats', () => {
  test('int32 range', () => {
    expect(isInt32(2147483647)).toBe(true);
    expect(isInt32(-2147483648)).toBe(true);
    expect(isInt32(2147483648)).toBe(false);
    expect(isInt32(1.5)).toBe(false);
  });
  test('int64 range', () => {
    expect(isInt64(2 ** 53)).toBe(true);
    expect(isInt64(2 ** 63)).toBe(true);
    expect(isInt64(2 ** 64)).toBe(false);
  });
});
