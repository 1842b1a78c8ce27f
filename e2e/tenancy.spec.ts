import { existsSync, mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext, type APIResponse, type Browser, type Page } from "@playwright/test";
import { ACTION_ROUTE_MATRIX } from "../tests/tenancy/action-route-matrix";
import { CRON_SECRET, dropRootFor } from "./support/e2e-env.mjs";
import { latestLinkTo } from "./support/outbox";
import { SettingsPage } from "./support/settings-page";
import { SignInPage } from "./support/sign-in-page";
import { StaffPage } from "./support/staff-page";
import { ID_TYPES, PAGE_ROWS, ROUTE_ROWS, type IdType, type PageRow } from "./support/tenancy-rows";

// The tenancy matrix over HTTP (issue 8), against the production build: organization A is Demo
// District (admin@demo.test), organization B is Riverside District with its seeded roster, its
// teacher teacher@riverside.test (Maria Rivera) and, made here, an invitation, a nightly source
// with a file waiting in its drop folder, and an API token. Every page of the build is requested
// as A's admin with B's ids of every type, as B's teacher and signed out; every route handler
// signed out and as the teacher; the cron route with every wrong credential. B's exports and its
// import, staff and settings pages are the same before and after (zero writes).

test.describe.configure({ mode: "serial" });

const run = Date.now().toString(36);
const port = process.env.E2E_PORT ?? "3210";
const CHEN = "chen@riverside.test";
const SOURCE = `Tenancy ${run}`;
const dropFile = path.join(dropRootFor(port), "riverside", `tenancy-${run}`, "roster_tenancy.csv");
const MADE_UP: Record<"number" | "uuid", string> = {
  number: "999999999",
  uuid: "00000000-0000-4000-8000-000000000000",
};

type Who = { page: Page; email: string };
let adminA: Who;
let adminB: Who;
let teacherB: Who;
/** B's ids by type, read over HTTP as B's admin. */
const idsOfB = {} as Record<IdType, string[]>;
/** Strings only B's data holds: class, student and school codes, its name (in staff emails too), B's record links. */
let markersOfB: string[] = [];
let teachersOwnClasses: string[] = [];
let tokenOfA = "";
let snapshotBefore = "";
let requests = 0;
/** A client with no cookies: signed out, or a script with only the header it sends. */
let anonymous: APIRequestContext;

/** One request (never following redirects), counted for the report. */
async function fetchAs(
  who: Who | null,
  method: string,
  url: string,
  options: { data?: string; headers?: Record<string, string> } = {},
): Promise<APIResponse> {
  requests += 1;
  return (who ? who.page.request : anonymous).fetch(url, { method, maxRedirects: 0, ...options });
}

async function signedIn(browser: Browser, email: string, landing: RegExp): Promise<Who> {
  const page = await (await browser.newContext()).newPage();
  await new SignInPage(page).signIn(email);
  await expect(page).toHaveURL(landing);
  return { page, email };
}

const matches = (text: string, pattern: RegExp) => [...new Set([...text.matchAll(pattern)].map((m) => m[1]!))];

async function htmlAs(who: Who, url: string): Promise<string> {
  const response = await fetchAs(who, "GET", url);
  expect(response.status(), url).toBe(200);
  return response.text();
}

/** Everything B's admin can read of B that a write would change (zero writes: before = after). */
async function snapshotOfB(): Promise<string> {
  const parts: string[] = [];
  for (const list of ["classes", "schools", "staff", "students"])
    parts.push(await htmlAs(adminB, `/admin/roster/${list}/export?status=all`));
  for (const url of ["/admin/imports", "/admin/staff", "/admin/settings", `/admin/imports/${idsOfB.import[0]}`]) {
    // Staff and Settings stream behind a loading state: read the page once it has all arrived.
    await adminB.page.goto(url, { waitUntil: "networkidle" });
    parts.push(await adminB.page.getByRole("main").innerText());
  }
  return parts.join("\n----\n");
}

/**
 * Leaks: any of B's markers in a body A's admin received. The page echoes the URL it was asked
 * for (and so the id in it), which is not a leak: that URL and a long id are taken out first.
 */
function expectNothingOfB(body: string, label: string, asked?: { url: string; id: string }) {
  let lower = body.toLowerCase();
  for (const echo of asked ? [asked.url, ...(asked.id.length >= 16 ? [asked.id] : [])] : [])
    lower = lower.split(echo.toLowerCase()).join("");
  expect(
    markersOfB.filter((marker) => lower.includes(marker.toLowerCase())),
    label,
  ).toEqual([]);
}

/** Every id of B of every type (the API token counts as the "token" id: its record id never reaches a URL). */
const everyIdOfB = () => ID_TYPES.flatMap((type) => idsOfB[type].map((id) => ({ type, id })));
const fill = (url: string, slot: string, id: string) => url.replace(`[${slot}]`, encodeURIComponent(id));
const isSignIn = (response: APIResponse) =>
  [302, 303, 307, 308].includes(response.status()) &&
  /^(https?:\/\/[^/]+)?\/sign-in(\?|$)/.test(response.headers().location ?? "");

test.beforeAll(async ({ browser, playwright }) => {
  test.setTimeout(180_000);
  anonymous = await playwright.request.newContext({ baseURL: `http://localhost:${port}` });
  adminA = await signedIn(browser, "admin@demo.test", /\/admin$/);
  adminB = await signedIn(browser, "admin@riverside.test", /\/admin$/);
  teacherB = await signedIn(browser, "teacher@riverside.test", /\/my-classes$/);

  // B's invitation (James Chen), nightly source with a file waiting, and API token; A's token.
  const staff = new StaffPage(adminB.page);
  await staff.goto();
  if ((await staff.status(CHEN).innerText()) === "Not invited") await staff.invite(CHEN);
  const invitationToken = (await latestLinkTo(adminB.page, CHEN)).split("/").pop()!;
  mkdirSync(path.dirname(dropFile), { recursive: true }); // the SIS job's folder
  const settingsB = new SettingsPage(adminB.page);
  await settingsB.open();
  await settingsB.addDropFolder({
    name: SOURCE,
    folder: `tenancy-${run}`,
    pattern: "roster_*.csv",
    expectedTime: "05:30",
    timeZone: "America/Chicago",
    grace: "90",
  });
  const tokenOfB = await settingsB.createToken(SOURCE);
  const settingsA = new SettingsPage(adminA.page);
  await settingsA.open();
  tokenOfA = await settingsA.createToken(SOURCE);
  writeFileSync(dropFile, readFileSync(path.join(process.cwd(), "lib", "demo", "demo-roster.csv")));
  const finished = new Date(Date.now() - 5 * 60_000);
  utimesSync(dropFile, finished, finished);

  // B's ids, as B's admin sees them in links, filter menus and the settings page.
  const classesHtml = await htmlAs(adminB, "/admin/roster/classes?status=all");
  const options = (name: string) =>
    matches(
      classesHtml.match(new RegExp(`<select[^>]*name="${name}"[\\s\\S]*?</select>`))?.[0] ?? "",
      /value="(\d+)"/g,
    );
  Object.assign(idsOfB, {
    import: matches(await htmlAs(adminB, "/admin/imports"), /href="\/admin\/imports\/([0-9a-f-]{36})"/g),
    school: matches(await htmlAs(adminB, "/admin/roster/schools"), /edit=(\d+)/g),
    class: matches(classesHtml, /href="\/admin\/roster\/classes\/(\d+)"/g),
    student: matches(
      await htmlAs(adminB, "/admin/roster/students?status=all"),
      /href="\/admin\/roster\/students\/(\d+)"/g,
    ),
    staff: options("teacher"),
    term: options("term"),
    invitation: [invitationToken],
    source: matches(await htmlAs(adminB, "/admin/settings"), /sourceId\\?":\\?"([0-9a-f-]{36})/g),
    token: [tokenOfB],
  } satisfies Record<IdType, string[]>);
  for (const type of ID_TYPES) expect(idsOfB[type].length, `B's ${type} ids`).toBeGreaterThan(0);

  const firstColumn = (csv: string) =>
    csv
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n")
      .slice(1)
      .map((line) => line.split(",")[0]!);
  markersOfB = [
    "riverside",
    ...firstColumn(await htmlAs(adminB, "/admin/roster/classes/export?status=all")),
    ...firstColumn(await htmlAs(adminB, "/admin/roster/students/export?status=all")),
    ...firstColumn(await htmlAs(adminB, "/admin/roster/schools/export")),
    ...idsOfB.import,
    ...idsOfB.class.map((id) => `/admin/roster/classes/${id}"`),
    ...idsOfB.student.map((id) => `/admin/roster/students/${id}"`),
  ];
  expect(markersOfB).toContain("ALG1-01");
  expect(markersOfB).toContain("S1007");
  expect(markersOfB).toContain("DEMO-MS");

  teachersOwnClasses = matches(await htmlAs(teacherB, "/my-classes"), /href="\/my-classes\/(\d+)"/g);
  expect(teachersOwnClasses).toHaveLength(3); // Algebra I, Geometry, Statistics
  snapshotBefore = await snapshotOfB();
});

// Tidy up, also after a failure (a DATABASE_URL database outlives the run): B's source, both
// tokens and the drop folder go.
test.afterAll(async () => {
  rmSync(path.dirname(dropFile), { recursive: true, force: true });
  const settingsB = new SettingsPage(adminB.page);
  await settingsB.open();
  if (await settingsB.source(SOURCE).count()) {
    await settingsB
      .source(SOURCE)
      .getByRole("button", { name: `Delete ${SOURCE}` })
      .click();
    await expect(settingsB.source(SOURCE)).toHaveCount(0);
  }
  for (const who of [adminB, adminA]) {
    await new SettingsPage(who.page).open();
    const token = who.page.getByTestId("token").filter({ hasText: SOURCE });
    if (await token.getByRole("button", { name: `Revoke ${SOURCE}` }).count()) {
      await token.getByRole("button", { name: `Revoke ${SOURCE}` }).click();
      await expect(token).toContainText("Revoked");
    }
  }
  await anonymous.dispose();
});

test("every page, route handler and server action of the build has a row in the matrix", () => {
  const appPaths = Object.keys(
    JSON.parse(readFileSync(path.join(process.cwd(), ".next", "server", "app-paths-manifest.json"), "utf8")) as object,
  );
  const pages = appPaths.filter((p) => p.endsWith("/page"));
  const routes = appPaths.filter((p) => p.endsWith("/route"));
  expect(pages.length).toBeGreaterThan(20);
  expect(
    pages.filter((p) => !(p in PAGE_ROWS)),
    "pages of the build without a row in e2e/support/tenancy-rows.ts",
  ).toEqual([]);
  expect(
    Object.keys(PAGE_ROWS).filter((p) => !pages.includes(p)),
    "page rows of pages the build does not have",
  ).toEqual([]);
  expect(
    routes.filter((r) => !(r in ROUTE_ROWS)),
    "route handlers without a row in e2e/support/tenancy-rows.ts",
  ).toEqual([]);
  expect(
    Object.keys(ROUTE_ROWS).filter((r) => !routes.includes(r)),
    "route rows of routes the build does not have",
  ).toEqual([]);
  expect(
    routes.filter((r) => !(`${r.slice(1)}.ts` in ACTION_ROUTE_MATRIX)),
    "route handlers without a row in tests/tenancy/action-route-matrix.ts",
  ).toEqual([]);

  const references = JSON.parse(
    readFileSync(path.join(process.cwd(), ".next", "server", "server-reference-manifest.json"), "utf8"),
  ) as {
    node: Record<string, { filename: string; exportedName: string }>;
  };
  const actions = Object.values(references.node).map(({ filename, exportedName }) => ({
    file: filename.replace(/^app\//, ""),
    name: exportedName,
  }));
  expect(actions.length).toBeGreaterThan(10);
  const uncovered = actions.filter(
    ({ file, name }) =>
      !ACTION_ROUTE_MATRIX[file] || !(name in ACTION_ROUTE_MATRIX[file]! || "*" in ACTION_ROUTE_MATRIX[file]!),
  );
  expect(uncovered, "server actions without a row in tests/tenancy/action-route-matrix.ts").toEqual([]);
});

const pageRows = Object.entries(PAGE_ROWS).filter(
  (entry): entry is [string, Exclude<PageRow, { skip: string }>] => !("skip" in entry[1]),
);

test("A's admin with B's ids of every type: each page answers 404 or shows nothing of B", async () => {
  for (const [name, row] of pageRows) {
    if (row.slot) {
      const slot = row.slot.name;
      for (const { type, id } of [
        ...everyIdOfB(),
        { type: "made up", id: MADE_UP.number },
        { type: "made up", id: MADE_UP.uuid },
      ]) {
        const url = fill(row.url, slot, id);
        const response = await fetchAs(adminA, "GET", url);
        const body = await response.text();
        if (row.audience === "public") {
          // The invitation page: B's real link (a secret) is refused for A's admin; any other id is not a link.
          const expected =
            type === "invitation" ? "You are signed in with another email" : "This invitation link is not valid";
          expect(response.status(), `${name} ${url}`).toBe(200);
          expect(body, `${name} ${url}`).toContain(expected);
          continue;
        }
        // B's id of the slot's own type must be 404; a number of another type may name one of A's
        // own records (other specs fill A), which is not a leak: the markers decide.
        if (type === row.slot.type || type === "made up")
          expect(response.status(), `${name} with B's ${type} id ${url}`).toBe(404);
        else expect([200, 404], `${name} with B's ${type} id ${url}`).toContain(response.status());
        expectNothingOfB(body, `${name} ${url}`, { url, id });
      }
    }
    for (const param of row.idParams ?? []) {
      for (const { type, id } of everyIdOfB()) {
        const url = `${row.url}?${param}=${encodeURIComponent(id)}`;
        const response = await fetchAs(adminA, "GET", url);
        expect(response.status(), `${name} ${url} (B's ${type} id)`).toBe(200);
        expectNothingOfB(await response.text(), `${name} ${url}`, { url, id });
      }
    }
    if (!row.slot) {
      const response = await fetchAs(adminA, "GET", row.url);
      if (row.audience === "staff") expect(response.status(), `${name}: an admin without a staff role`).toBe(404);
      else expect(response.status(), name).toBeLessThan(400);
      expectNothingOfB(await response.text(), name);
    }
  }
});

test("B's teacher: another teacher's class and every admin page and route answer 404", async () => {
  const othersClasses = idsOfB.class.filter((id) => !teachersOwnClasses.includes(id));
  expect(othersClasses.length).toBeGreaterThanOrEqual(2); // Biology (Chen, Shah), Science 6 (Shah)
  for (const id of othersClasses)
    expect((await fetchAs(teacherB, "GET", `/my-classes/${id}`)).status(), `class ${id}`).toBe(404);
  for (const id of teachersOwnClasses)
    expect((await fetchAs(teacherB, "GET", `/my-classes/${id}`)).status(), `own class ${id}`).toBe(200);
  const myClasses = await (await fetchAs(teacherB, "GET", "/my-classes")).text();
  for (const other of ["Biology", "Science 6", "BIO-02", "SCI6-04"]) expect(myClasses).not.toContain(other);

  for (const [name, row] of pageRows.filter(([, r]) => r.audience === "admin")) {
    const ids = row.slot ? idsOfB[row.slot.type] : [""];
    for (const id of ids) {
      const url = row.slot ? fill(row.url, row.slot.name, id) : row.url;
      expect((await fetchAs(teacherB, "GET", url)).status(), `${name} ${url}`).toBe(404);
    }
  }
  for (const [name, row] of Object.entries(ROUTE_ROWS)) {
    const url = row.url.replace("[import]", idsOfB.import[0]!);
    const response = await fetchAs(teacherB, row.method, url, row.body ? { data: row.body } : {});
    expect(response.status(), `${name} as B's teacher`).toBe(row.teacher);
    expect(await response.text(), `${name} as B's teacher`).not.toMatch(/S1007|BIO-02/);
    if (name.includes("nextauth"))
      expect(((await response.json()) as { user: { email: string } }).user.email).toBe(teacherB.email);
  }
});

test("signed out: every page sends to sign-in (or is a public page), every route answers 401 or holds no data", async () => {
  for (const [name, row] of pageRows) {
    const url = row.slot ? fill(row.url, row.slot.name, idsOfB[row.slot.type][0]!) : row.url;
    const response = await fetchAs(null, "GET", url);
    if (row.audience === "public") expect(response.status(), `${name} signed out`).toBe(200);
    else
      expect(isSignIn(response), `${name} signed out: ${response.status()} ${response.headers().location}`).toBe(true);
  }
  for (const [name, row] of Object.entries(ROUTE_ROWS)) {
    const url = row.url.replace("[import]", idsOfB.import[0]!);
    const response = await fetchAs(null, row.method, url, row.body ? { data: row.body } : {});
    if (row.signedOut === "sign-in") expect(isSignIn(response), `${name} signed out: ${response.status()}`).toBe(true);
    else expect(response.status(), `${name} signed out`).toBe(row.signedOut);
    if (response.status() === 200)
      expect(await response.text(), name).toMatch(/^(null|\{"ok":true,"database":"\w+"\})$/);
  }
});

test("A's admin on B's routes: B's import's issues 404; exports filtered by B's ids hold nothing of B; a dev route leaves B's invitation", async () => {
  for (const { type, id } of everyIdOfB()) {
    const response = await fetchAs(adminA, "GET", `/admin/imports/${encodeURIComponent(id)}/issues.csv`);
    expect(response.status(), `issues.csv with B's ${type} id`).toBe(404);
  }
  for (const list of ["classes", "schools", "staff", "students"]) {
    for (const param of ["school", "term", "teacher"]) {
      for (const { type, id } of everyIdOfB()) {
        const response = await fetchAs(
          adminA,
          "GET",
          `/admin/roster/${list}/export?status=all&${param}=${encodeURIComponent(id)}`,
        );
        expect(response.status(), `${list} export, ${param} = B's ${type} id`).toBe(200);
        expectNothingOfB(await response.text(), `${list} export ${param}=${id}`);
      }
    }
  }
  // Expires the open invitations of this email in the caller's organization only.
  const expired = await fetchAs(adminA, "POST", "/dev/expire-invitations", { data: JSON.stringify({ email: CHEN }) });
  expect(expired.status()).toBe(200);
});

test("API tokens: A's token gets 404 on B's import and on B's ids of every type; a session cookie is no token", async () => {
  for (const { type, id } of everyIdOfB()) {
    const response = await fetchAs(null, "GET", `/api/v1/imports/${encodeURIComponent(id)}`, {
      headers: { authorization: `Bearer ${tokenOfA}` },
    });
    expect(response.status(), `A's token on B's ${type} id`).toBe(404);
  }
  expect((await fetchAs(adminA, "GET", `/api/v1/imports/${idsOfB.import[0]}`)).status(), "A's admin's cookie").toBe(
    401,
  );
  expect((await fetchAs(adminB, "GET", `/api/v1/imports/${idsOfB.import[0]}`)).status(), "B's admin's cookie").toBe(
    401,
  );
});

test("the cron route with no, a wrong, a user's or an API token's credentials: 401 and nothing imported", async () => {
  const wrong: Array<[string, Who | null, Record<string, string>]> = [
    ["no credentials", null, {}],
    ["a wrong secret", null, { authorization: `Bearer ${CRON_SECRET}x` }],
    ["the secret without Bearer", null, { authorization: CRON_SECRET }],
    ["A's admin's session", adminA, {}],
    ["B's admin's session", adminB, {}],
    ["B's teacher's session", teacherB, {}],
    ["A's API token", null, { authorization: `Bearer ${tokenOfA}` }],
    ["B's API token", null, { authorization: `Bearer ${idsOfB.token[0]}` }],
  ];
  for (const [label, who, headers] of wrong) {
    for (const method of ["GET", "POST"]) {
      expect((await fetchAs(who, method, "/api/cron/nightly", { headers })).status(), `${method} with ${label}`).toBe(
        401,
      );
    }
  }
  expect(existsSync(dropFile), "the waiting file was not taken").toBe(true);
});

test("zero writes: B's exports, imports, staff and settings are unchanged by every request above", async () => {
  expect(await snapshotOfB()).toBe(snapshotBefore);
  console.log(`tenancy matrix: ${requests} requests`);
});

test("the controls: the cron secret imports B's waiting file and B's own token reads B's import (so the refusals above could have failed)", async () => {
  const response = await fetchAs(null, "POST", "/api/cron/nightly", {
    headers: { authorization: `Bearer ${CRON_SECRET}` },
  });
  expect(response.status()).toBe(200);
  // The cron route only queues the pass; the server's worker takes the file and imports it.
  expect(((await response.json()) as { sources: unknown[] }).sources).toContainEqual(
    expect.objectContaining({ organization: "riverside", source: SOURCE, outcome: "queued" }),
  );
  await expect.poll(() => existsSync(dropFile), { timeout: 60_000 }).toBe(false);
  await expect.poll(() => snapshotOfB(), { timeout: 60_000 }).not.toBe(snapshotBefore);
  const own = await fetchAs(null, "GET", `/api/v1/imports/${idsOfB.import[0]}`, {
    headers: { authorization: `Bearer ${idsOfB.token[0]}` },
  });
  expect(own.status(), "B's own token on B's import").toBe(200);
});
