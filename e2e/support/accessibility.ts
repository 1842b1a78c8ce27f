import AxeBuilder from "@axe-core/playwright";
import { expect, type Locator, type Page } from "@playwright/test";

/** The viewports every page is checked at: a laptop, a tablet (portrait) and a phone. */
export const VIEWPORTS = [
  { name: "desktop", width: 1280, height: 800 },
  { name: "tablet", width: 768, height: 1024 },
  { name: "phone", width: 390, height: 844 },
] as const;
export type Viewport = (typeof VIEWPORTS)[number];

/** The WCAG 2.0, 2.1 and 2.2 A and AA rules of axe-core. */
const WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

/**
 * Runs axe-core on the page as it is now and fails (softly: the spec goes on to the next page and
 * reports every page at the end) on any WCAG 2.2 AA violation, naming the rule and the elements.
 */
export async function expectNoAxeViolations(page: Page, where: string) {
  // After a client-side navigation (a form's redirect) Next sets the new page's <title> a moment
  // after its content; axe run in between reports "document-title". Every page has one
  // ("… · RosterSync"), so wait for it: a page without a title still fails, here.
  await expect(page, `the <title> of ${where}`).toHaveTitle(/RosterSync/);
  // Only violations are read: axe still runs every rule, but lists only one passing or inapplicable
  // node per rule instead of serialising every one of them back to the test. (`options` replaces
  // the options, so it comes before `withTags`, which adds the rules to run.)
  const results = await new AxeBuilder({ page })
    .options({ resultTypes: ["violations"] })
    .withTags(WCAG_AA)
    .analyze();
  const violations = results.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact ?? "?"}): ${violation.help} — ${violation.nodes
        .slice(0, 5)
        .map((node) => node.target.join(" "))
        .join(" | ")}`,
  );
  expect.soft(violations, `axe on ${where}`).toEqual([]);
}

/**
 * The page is no wider than the window: nothing makes the whole page scroll sideways. A failure
 * names the elements that stick out (outside any container that scrolls or clips on its own).
 */
export async function expectNoPageOverflow(page: Page, where: string) {
  const { scrollWidth, innerWidth, wide } = await page.evaluate(() => {
    const width = window.innerWidth;
    // An absolutely placed element escapes a scrolling ancestor that is not its containing block.
    const clipped = (element: Element) => {
      if (getComputedStyle(element).position === "absolute") return false;
      for (let parent = element.parentElement; parent && parent !== document.body; parent = parent.parentElement)
        if (getComputedStyle(parent).overflowX !== "visible") return true;
      return false;
    };
    const wide = [...document.body.querySelectorAll("*")]
      .filter((element) => element.getBoundingClientRect().right > width + 1 && !clipped(element))
      .map((element) => `${element.tagName.toLowerCase()}.${[...element.classList].slice(0, 4).join(".")}`)
      .slice(-3);
    return { scrollWidth: document.scrollingElement?.scrollWidth ?? 0, innerWidth: width, wide };
  });
  expect
    .soft(scrollWidth, `${where} is wider than the window; sticking out: ${wide.join(" | ")}`)
    .toBeLessThanOrEqual(innerWidth);
}

/** Both checks, on the page as it is now. */
export async function checkPage(page: Page, where: string) {
  await expectNoPageOverflow(page, where);
  await expectNoAxeViolations(page, where);
}

/** Presses Tab until `target` has the focus (at most `limit` times), as a keyboard user would. */
export async function tabTo(page: Page, target: Locator, limit = 60) {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((element) => element === document.activeElement).catch(() => false)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${target}`);
}
