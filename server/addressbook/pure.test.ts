import { describe, expect, test } from "vitest";
import { splitPastedNumbers } from "./recipients";

describe("pasted numbers", () => {
  test("split on commas (both widths), semicolons, 、, tabs and line breaks; spaces stay inside a number", () => {
    expect(splitPastedNumbers("138 0013 8000，13900139000;0086-137-0013-7000\r\n\t+86 136 0013 6000、 ")).toEqual([
      "138 0013 8000",
      "13900139000",
      "0086-137-0013-7000",
      "+86 136 0013 6000",
    ]);
    expect(splitPastedNumbers(" \n ")).toEqual([]);
  });
});
