import { describe, expect, test } from "vitest";
import { isValidUscc, normalizeUscc, usccCheckCharacter, usccProblem } from "./uscc";

// Check character worked by hand for 91350100M000100Y4 (weights 1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28):
// values 9,1,3,5,0,1,0,0,21(M),0,0,0,1,0,0,30(Y),4 → Σ = 9+3+27+135+0+26+0+0+420+0+0+0+8+0+0+900+112 = 1640;
// 1640 mod 31 = 28; 31 − 28 = 3 → alphabet[3] = "3". (91350100M000100Y43 is the code printed in the standard's examples.)
const VALID = "91350100M000100Y43";

describe("USCC (GB 32100-2015)", () => {
  test("a valid code passes", () => {
    expect(usccCheckCharacter(VALID.slice(0, 17))).toBe("3");
    expect(usccProblem(VALID)).toBeNull();
    expect(isValidUscc(VALID)).toBe(true);
  });

  test("a wrong check character is refused", () => {
    expect(usccProblem("91350100M000100Y4E")).toBe("CHECK_CHARACTER");
    expect(usccProblem("91350100M000100Y44")).toBe("CHECK_CHARACTER");
  });

  test("a wrong length is refused", () => {
    expect(usccProblem(VALID.slice(0, 17))).toBe("LENGTH");
    expect(usccProblem(`${VALID}0`)).toBe("LENGTH");
    expect(usccProblem("")).toBe("LENGTH");
  });

  test("lower case is accepted and normalised to upper case", () => {
    expect(normalizeUscc(" 91350100m000100y43 ")).toBe(VALID);
    expect(usccProblem("91350100m000100y43")).toBeNull();
  });

  test("letters outside the alphabet (I, O, Z, S, V) are refused", () => {
    expect(usccProblem("91350100MO00100Y43")).toBe("CHARACTERS");
    expect(usccProblem("91350100M000100S43")).toBe("CHARACTERS");
  });

  test("the administrative division must be six digits", () => {
    const first17 = "9135A100M000100Y4";
    expect(usccProblem(first17 + usccCheckCharacter(first17))).toBe("FORMAT");
  });

  test("a check value of 0 maps to '0' (31 mod 31)", () => {
    // Find a body whose check character is "0" and verify it round-trips.
    for (let n = 0; n < 1000; n++) {
      const body = `91110000MA${String(n).padStart(7, "0")}`;
      if (usccCheckCharacter(body) === "0") {
        expect(isValidUscc(`${body}0`)).toBe(true);
        return;
      }
    }
    throw new Error("no body with check character 0 found");
  });
});
