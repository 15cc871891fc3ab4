import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Dec } from '../../../shared/values/exactDecimal';
import { dec } from '../../../shared/values/exactDecimal';
import type { AllocationResult, FactorAllocationInput } from '../../../shared/rules/budgets/factorAllocation';
import { allocateByFactors } from '../../../shared/rules/budgets/factorAllocation';

/**
 * The factor method against an independent calculation: exact fractions reduced by their gcd,
 * every district's share summed factor by factor, floors and caps found by trying every way of
 * holding rows at a bound (3^n), and the largest remainder taken over all rows at once.
 */

class Fraction {
  readonly n: bigint;
  readonly d: bigint;
  constructor(n: bigint, d = 1n) {
    if (d < 0n) [n, d] = [-n, -d];
    const g = gcd(n < 0n ? -n : n, d) || 1n;
    this.n = n / g;
    this.d = d / g;
  }
  static of(value: Dec): Fraction {
    return new Fraction(value.digits, 10n ** BigInt(value.scale));
  }
  plus(o: Fraction) {
    return new Fraction(this.n * o.d + o.n * this.d, this.d * o.d);
  }
  minus(o: Fraction) {
    return new Fraction(this.n * o.d - o.n * this.d, this.d * o.d);
  }
  times(o: Fraction) {
    return new Fraction(this.n * o.n, this.d * o.d);
  }
  over(o: Fraction) {
    return new Fraction(this.n * o.d, this.d * o.n);
  }
  cmp(o: Fraction) {
    const x = this.n * o.d;
    const y = o.n * this.d;
    return x < y ? -1 : x > y ? 1 : 0;
  }
  floor() {
    return this.n >= 0n ? this.n / this.d : -((-this.n + this.d - 1n) / this.d);
  }
}

function gcd(a: bigint, b: bigint): bigint {
  while (b) [a, b] = [b, a % b];
  return a;
}

const ZERO = new Fraction(0n);

function referenceAllocation(input: FactorAllocationInput): bigint[] | null | 'zero column' {
  const count = input.factors.length;
  const zeroColumn = input.weights.some(
    (weight, k) => weight.digits !== 0n && input.factors.every((row) => row[k]!.digits === 0n),
  );
  if (zeroColumn) return 'zero column';
  const weights = input.factors.map((row) =>
    row.reduce((sum, value, k) => {
      const column = input.factors.reduce((acc, other) => acc.plus(Fraction.of(other[k]!)), ZERO);
      const weight = Fraction.of(input.weights[k]!);
      return weight.n === 0n ? sum : sum.plus(weight.times(Fraction.of(value)).over(column));
    }, ZERO),
  );
  const total = new Fraction(input.total);
  const lo = weights.map((_, i) => new Fraction(input.floors?.[i] ?? 0n));
  const hi = weights.map((_, i) => (input.caps?.[i] == null ? null : new Fraction(input.caps[i]!)));
  // Try every assignment of rows to floor (0), moving (1) or cap (2).
  let exact: Fraction[] | null = null;
  for (let code = 0; code < 3 ** count && !exact; code++) {
    const states = Array.from({ length: count }, (_, i) => Math.floor(code / 3 ** i) % 3);
    if (states.some((state, i) => state === 2 && hi[i] === null)) continue;
    let held = ZERO;
    let moving = ZERO;
    states.forEach((state, i) => {
      if (state === 0) held = held.plus(lo[i]!);
      else if (state === 2) held = held.plus(hi[i]!);
      else moving = moving.plus(weights[i]!);
    });
    if (moving.n === 0n) {
      if (held.cmp(total) !== 0) continue;
      if (states.some((state, i) => state === 1 && weights[i]!.n !== 0n)) continue;
    }
    const lambda = moving.n === 0n ? ZERO : total.minus(held).over(moving);
    const ok = states.every((state, i) => {
      const at = lambda.times(weights[i]!);
      if (state === 0) return at.cmp(lo[i]!) <= 0;
      if (state === 2) return at.cmp(hi[i]!) >= 0;
      return at.cmp(lo[i]!) >= 0 && (hi[i] === null || at.cmp(hi[i]!) <= 0);
    });
    if (ok) {
      exact = states.map((state, i) => (state === 0 ? lo[i]! : state === 2 ? hi[i]! : lambda.times(weights[i]!)));
    }
  }
  if (!exact) return null;
  const shares = exact.map((share) => share.floor());
  let left = input.total - shares.reduce((a, b) => a + b, 0n);
  const order = exact
    .map((share, index) => ({ index, rest: share.minus(new Fraction(share.floor())) }))
    .sort((a, b) => b.rest.cmp(a.rest) || a.index - b.index);
  for (const { index } of order) {
    if (left === 0n) break;
    shares[index]! += 1n;
    left--;
  }
  return shares;
}

function shares(result: AllocationResult): bigint[] {
  if (!result.ok) assert.fail(`refused: ${result.reasonZh}`);
  return result.shares;
}

const d = (values: (string | number)[]) => values.map((value) => dec(value));

describe('factor-method allocation (因素法)', () => {
  test('1,000万元 over seven districts by 常住人口/服务对象数/绩效评价得分 at 50%/30%/20%', () => {
    const input: FactorAllocationInput = {
      total: 10_000_000n,
      weights: d(['0.5', '0.3', '0.2']),
      factors: [
        d(['83.1', 1200, '92.5']),
        d(['67.8', 950, 88]),
        d(['100.2', 1530, '95.5']),
        d(['161.3', 2210, 90]),
        d(['116.6', 1640, '86.5']),
        d(['92.4', 1100, 91]),
        d(['79.8', 1010, '89.5']),
      ],
    };
    const result = shares(allocateByFactors(input));
    assert.deepEqual(result, referenceAllocation(input));
    assert.equal(
      result.reduce((a, b) => a + b, 0n),
      10_000_000n,
    );
    // District 4 has the largest population and caseload: the largest share.
    assert.equal(result.indexOf(result.reduce((a, b) => (a > b ? a : b))), 3);
  });

  test('ties go to the earlier row: 10 over three equal districts is 4, 3, 3', () => {
    assert.deepEqual(shares(allocateByFactors({ total: 10n, weights: d([1]), factors: [d([1]), d([1]), d([1])] })), [
      4n,
      3n,
      3n,
    ]);
    assert.deepEqual(
      shares(allocateByFactors({ total: 11n, weights: d([1]), factors: [d([2]), d([1]), d([1]), d([2])] })),
      // 3.67, 1.83, 1.83, 3.67: the 3 left over go to the two .83s, then to the first .67.
      [4n, 2n, 2n, 3n],
    );
  });

  test('a district whose factors are all zero gets nothing; a zero factor counts as zero', () => {
    const input = {
      total: 1000n,
      weights: d(['0.6', '0.4']),
      factors: [d([0, 0]), d([3, 0]), d([1, 5])],
    };
    const result = shares(allocateByFactors(input));
    assert.equal(result[0], 0n);
    assert.deepEqual(result, referenceAllocation(input));
    assert.deepEqual(result, [0n, 450n, 550n]);
  });

  test('a factor zero in every district is refused by name, unless its weight is 0', () => {
    const refused = allocateByFactors({
      total: 100n,
      weights: d(['0.5', '0.5']),
      factorNames: ['常住人口', '服务对象数'],
      factors: [d([1, 0]), d([2, 0])],
    });
    assert.equal(refused.ok, false);
    assert.match(!refused.ok ? refused.reasonZh : '', /因素“服务对象数”在各地全为零/);
    assert.match(!refused.ok ? refused.reasonEn : '', /"服务对象数" is zero for every district/);
    assert.deepEqual(shares(allocateByFactors({ total: 90n, weights: d([1, 0]), factors: [d([1, 0]), d([2, 0])] })), [
      30n,
      60n,
    ]);
  });

  test('weights must add up to exactly 100%; negative values are refused', () => {
    const wrong = allocateByFactors({ total: 100n, weights: d(['0.5', '0.3']), factors: [d([1, 1])] });
    assert.deepEqual(!wrong.ok && [wrong.reasonZh, wrong.reasonEn], [
      '各因素权重之和为 80%，应为 100%',
      'the weights add up to 80%, not 100%',
    ]);
    const negative = allocateByFactors({
      total: 100n,
      weights: d([1]),
      factors: [d([1]), d([-1])],
      rowNames: ['溧阳市', '金坛区'],
    });
    assert.match(!negative.ok ? negative.reasonZh : '', /金坛区的因素“第 1 个因素”为负数/);
  });

  test('floors (保底) lift small districts and the rest is re-allocated among the others', () => {
    const input = {
      total: 100n,
      weights: d([1]),
      factors: [d([1]), d([1]), d([1]), d([7])],
      floors: [15n, 15n, 15n, null],
    };
    const result = shares(allocateByFactors(input));
    assert.deepEqual(result, [15n, 15n, 15n, 55n]);
    assert.deepEqual(result, referenceAllocation(input));
  });

  test('a cap holds a large district and the others share what it gives up, by the largest remainder', () => {
    const input = {
      total: 100n,
      weights: d([1]),
      factors: [d([1]), d([1]), d([1]), d([7])],
      caps: [null, null, null, 50n],
    };
    assert.deepEqual(shares(allocateByFactors(input)), [17n, 17n, 16n, 50n]);
  });

  test('floors and caps together, where holding one row pushes another over its bound', () => {
    // 10:20:30:40 of 1000 is 100/200/300/400; a cap of 250 on the last lifts the others by 150
    // × their weights, which pushes the third past its cap of 330 too.
    const input = {
      total: 1000n,
      weights: d([1]),
      factors: [d([10]), d([20]), d([30]), d([40])],
      floors: [120n, null, null, null],
      caps: [null, null, 330n, 250n],
    };
    const result = shares(allocateByFactors(input));
    assert.deepEqual(result, referenceAllocation(input));
    assert.equal(result[3], 250n);
    assert.equal(result[2], 330n);
    assert.equal(
      result.reduce((a, b) => a + b, 0n),
      1000n,
    );
  });

  test('floors above the total, or caps below it, are refused with the figures', () => {
    const floors = allocateByFactors({ total: 10n, weights: d([1]), factors: [d([1]), d([1])], floors: [6n, 6n] });
    assert.match(!floors.ok ? floors.reasonZh : '', /保底额之和（12）超过分配总额（10）/);
    const caps = allocateByFactors({ total: 10n, weights: d([1]), factors: [d([1]), d([1])], caps: [4n, 4n] });
    assert.match(!caps.ok ? caps.reasonEn : '', /at most 8, less than the total 10/);
    const allZero = allocateByFactors({ total: 10n, weights: d([1, 0]), factors: [d([0, 1]), d([0, 2])] });
    assert.equal(allZero.ok, false);
  });

  test('random cases agree with the brute-force reference', () => {
    let seed = 20261205;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let round = 0; round < 300; round++) {
      const rows = 1 + random(6);
      const factorCount = 1 + random(3);
      const weightUnits = Array.from({ length: factorCount }, () => 1 + random(5));
      const unitSum = weightUnits.reduce((a, b) => a + b, 0);
      // Weights as exact decimals adding to 1: the last takes what the others leave.
      const weightFen = weightUnits.map((unit) => Math.floor((unit * 10000) / unitSum));
      weightFen[factorCount - 1]! += 10000 - weightFen.reduce((a, b) => a + b, 0);
      const input: FactorAllocationInput = {
        total: BigInt(random(5000)),
        weights: weightFen.map((value) => ({ digits: BigInt(value), scale: 4 })),
        factors: Array.from({ length: rows }, () =>
          Array.from({ length: factorCount }, () => ({
            digits: BigInt(random(4) === 0 ? 0 : random(1000)),
            scale: random(3),
          })),
        ),
        floors: Array.from({ length: rows }, () => (random(4) === 0 ? BigInt(random(300)) : null)),
        caps: Array.from({ length: rows }, () => (random(4) === 0 ? BigInt(300 + random(2000)) : null)),
      };
      const expected = referenceAllocation(input);
      const result = allocateByFactors(input);
      if (expected === 'zero column') {
        assert.match(result.ok ? '' : result.reasonEn, /zero for every district/, `round ${round}`);
      } else if (expected === null) {
        assert.equal(result.ok, false, `round ${round}: the reference finds no allocation`);
      } else {
        assert.deepEqual(shares(result), expected, `round ${round}`);
      }
    }
  });
});
