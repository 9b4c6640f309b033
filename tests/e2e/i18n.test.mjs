// No untranslated string anywhere in the UI, in any of the three languages: every screen is
// opened in zh-Hans, zh-Hant and en, and all the text a user can see or hear (text nodes,
// aria-label, placeholder, title, alt, option labels) is checked against the language:
// - en shows no Chinese character,
// - zh-Hans and zh-Hant show no English word (bar a short list of acronyms and codes),
// - zh-Hant shows no simplified-only character and zh-Hans no traditional-only one,
// - no language shows a raw `{placeholder}` or a catalogue key name.
// What the user typed or the server holds (company names, notes, …) is user data, not UI
// text: every string value of the records the user can pull is removed before checking.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { api, DEMO_PASSWORD, launch, screenshot, signIn, startServer } from "./lib/harness.mjs";

let server;
before(async () => {
  server = await startServer();
});
after(async () => {
  await server?.stop();
});

/** Latin words allowed inside Chinese UI text: acronyms and codes, not English prose. */
const ALLOWED_LATIN = new Set([
  "ERP", "ISO", "ISO9000", "BPR", "MAN", "CNY", "RMB", "IT", "CIO", "OS", "DM", "PDF", "Tuoke",
  "English", "A", "B", "C", "D", "OK", "NO", "Money", "Authority", "Need", "Web", "App",
  "CPU", "GB", "KB", "MB", "Q", "QA",
]);
/** Characters that exist only in simplified Chinese (their traditional forms differ). */
const SIMPLIFIED_ONLY = "这们来说时为个从关么产发后动员会过还进选难让该认识设话请读调谁资钱车门问间东万与专业两严丰临为举么义乐习书买乱争亚亲仅从价众优伙传伤体众余侠侧俭债倾偿儿党兰关兴养内册军农冯决况冻净减几凤凭击则刚创别删剧办务动劳势区医华单卖卫却厂历压县参双发变叙号叶听启员响问团园围图圆圣场坏块坚报夺奋妇妈娱学宁宝实审宪宫对导寿将尔尘尝层属岁岛币师带帮广庄庆应库废开异弃张强归当录彻征径忆态总恶悬惊惧惯愿战户执扩扫扬护报担拟拥择挂挡换据损摄敌旧时显晓术机杀杂权条来极构枪样标桥梦检楼横欢欧残毁毕气汇汉没沟泽洁济浅测浓涛润涨渊温湾满灭灯灵炉点炼烟烦热爱爷状犹独献环现电画畅疗监盖盘着确础离种积称稳穷窍竞笔笕简粮紧纠红约级纪纯纲纳纵纷纸线练组细织终经绍结绕给统继绩续维综绿缓编缘网罗罚职联聪肃肠肤胁胜脑脚脸舍舰艺节苏范荐荣药获营虑虽蛮补衬袭见观规览觉视览触计订认讨让训议讯记讲许论设访证评识诉诊词译试诗诚话询该详语误说请诸读课谁调谈谋谓谢谨谱贝负贡财责败货质贩贪购贯贵贷费贺资赛赶趋跃践车轨转轮软轻载较辆辈输辞边达迁过运还这进远违连迟适选逊递逻遗邮郑鉴针钟钢钱铁铜银错键长门闪闭问闲间闻队阳阴阵际陆陈险随隐难雾静韩页顶项顺须顾顿预领频题颜额风飞饭饮馆驱驶验骂鱼鸟鸡麦黄齐龄龙";
/** Characters that exist only in traditional Chinese. */
const TRADITIONAL_ONLY = "這們來說時為個從關麼產發後動員會過還進選難讓該認識設話請讀調誰資錢車門問間東萬與專業兩嚴豐臨舉義樂習書買亂爭亞親僅價眾優夥傳傷體餘側儉債傾償兒黨蘭興養內冊軍農馮決況凍淨減幾鳳憑擊則剛創別刪劇辦務勞勢區醫華單賣衛卻廠歷壓縣參雙變敘號葉聽啟響團園圍圖圓聖場壞塊堅報奪奮婦媽娛學寧寶實審憲宮對導壽將爾塵嘗層屬歲島幣師帶幫廣莊慶應庫廢開異棄張強歸當錄徹徵徑憶態總惡懸驚懼慣願戰戶執擴掃揚護擔擬擁擇掛擋換據損攝敵舊顯曉術機殺雜權條極構槍樣標橋夢檢樓橫歡歐殘毀畢氣匯漢沒溝澤潔濟淺測濃濤潤漲淵溫灣滿滅燈靈爐點煉煙煩熱愛爺狀猶獨獻環現電畫暢療監蓋盤確礎離種積稱穩窮競筆簡糧緊糾紅約級紀純綱納縱紛紙線練組細織終經紹結繞給統繼績續維綜綠緩編緣網羅罰職聯聰肅腸膚脅勝腦腳臉艦藝節蘇範薦榮藥獲營慮雖蠻補襯襲見觀規覽覺視觸計訂認討訓議訊記講許論訪證評訴診詞譯試詩誠詢詳語誤諸課談謀謂謝謹譜貝負貢財責敗貨質販貪購貫貴貸費賀賽趕趨躍踐軌轉輪軟輕載較輛輩輸辭邊達遷運遠違連遲適遜遞邏遺郵鄭鑑針鐘鋼鐵銅銀錯鍵長閃閉閒聞隊陽陰陣際陸陳險隨隱霧靜韓頁頂項順須顧頓預領頻題顏額風飛飯飲館驅駛驗罵魚鳥雞麥黃齊齡龍";

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/** Every string in `value` (deep), for removing user data from the page text. */
function strings(value, out) {
  if (typeof value === "string") {
    if (value.trim().length > 0) out.add(value.trim());
  } else if (Array.isArray(value)) {
    for (const v of value) strings(v, out);
  } else if (value && typeof value === "object") {
    for (const v of Object.values(value)) strings(v, out);
  }
  return out;
}

/** All text a user can see or hear on the page, one entry per node or attribute. */
async function visibleTexts(page) {
  return page.evaluate(() => {
    const out = [];
    const visible = (el) => {
      if (!el) return false;
      const style = getComputedStyle(el);
      if (style.visibility === "hidden" || style.display === "none") return false;
      return el.getClientRects().length > 0 || el.tagName === "OPTION";
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent.trim();
      const parent = node.parentElement;
      if (!text || !parent || ["SCRIPT", "STYLE", "NOSCRIPT"].includes(parent.tagName)) continue;
      if (parent.closest("select, option") ? true : visible(parent)) out.push(text);
    }
    for (const el of document.body.querySelectorAll("[aria-label], [placeholder], [title], [alt]")) {
      for (const attr of ["aria-label", "placeholder", "title", "alt"]) {
        const v = el.getAttribute(attr);
        if (v && v.trim()) out.push(v.trim());
      }
    }
    return out;
  });
}

/** What is wrong with `text` in `lang`, or null. */
function problem(lang, text) {
  if (/\{[a-z_]+\}/.test(text)) return "unfilled placeholder";
  if (/\b[A-Z][a-z]+[A-Z][A-Za-z]+\b/.test(text)) return "looks like a key name";
  if (lang === "en") {
    return CJK.test(text) ? "Chinese text in the English UI" : null;
  }
  const words = text.match(/[A-Za-z]{2,}/g) ?? [];
  const english = words.filter((w) => !ALLOWED_LATIN.has(w) && !ALLOWED_LATIN.has(w.toUpperCase()));
  if (english.length > 0) return `English words: ${english.join(" ")}`;
  const wrong = lang === "zh-Hant" ? SIMPLIFIED_ONLY : TRADITIONAL_ONLY;
  const found = [...text].filter((c) => wrong.includes(c));
  if (found.length > 0) return `${lang === "zh-Hant" ? "simplified" : "traditional"} characters: ${found.join("")}`;
  return null;
}

/** Removes every user-data string from `text` (longest first). */
function withoutUserData(text, userStrings) {
  let rest = text;
  for (const s of userStrings) {
    if (rest.includes(s)) rest = rest.split(s).join(" ");
  }
  // Numbers, dates, times, phone numbers, ids and punctuation are not language.
  return rest.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, " ").replace(/[\d\s.,:;/%+\-–—()·•|×✓✗←→↑↓#@&*"'!?¥￥]+/g, " ").trim();
}

test("every screen shows text in the chosen language only (zh-Hans, zh-Hant, en)", async () => {
  const rep = await api(server.url, "rep1");
  const changes = await rep.pullAll();
  const prospect = changes.find((c) => c.entity === "prospect" && c.data);
  assert.ok(prospect, "the demo rep has prospects");
  // The signed-in user's names are user data too, and each language's own name (the
  // language picker) is never translated.
  const login = await (await fetch(`${server.url}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "rep1", password: DEMO_PASSWORD }),
  })).json();
  const userStrings = [...strings(changes.map((c) => c.data), new Set())]
    .concat([login.user.display_name, login.user.username, "简体中文", "繁體中文", "English"])
    // Codes (stage names, kinds) are not shown as such, and a one-letter value (a grade)
    // would cut letters out of words.
    .filter((s) => !/^[a-z_]+$/.test(s) && s.length > 1)
    .sort((a, b) => b.length - a.length);
  const id = prospect.id;
  const screens = [
    "/", "/prospects", `/prospects/${id}`, `/prospects/${id}/keyinfo`, `/prospects/${id}/grade`,
    `/prospects/${id}/stage`, `/prospects/${id}/activity`, "/capture", `/capture/${id}`,
    "/pipeline", "/more", "/sync", "/playbooks", "/playbooks/first_visit", "/playbooks/exchange",
    "/playbooks/objections", "/quiz", "/no-such-screen",
  ];
  const b = await launch();
  const failures = [];
  try {
    await signIn(b.page, server.url);
    for (const lang of ["zh-Hans", "zh-Hant", "en"]) {
      await b.page.goto(`${server.url}/more`);
      await b.page.getByTestId("lang-select").selectOption(lang);
      await b.page.waitForFunction((l) => document.documentElement.lang === l, lang);
      for (const screen of screens) {
        await b.page.goto(`${server.url}${screen}`);
        await b.page.locator("nav.tab-bar").waitFor();
        await b.page.locator("main h1").first().waitFor();
        // Let the screen's data load (the loading hint disappears).
        await b.page.waitForFunction(() => !document.querySelector("main [role=status].hint"), null, { timeout: 10_000 }).catch(() => {});
        for (const text of await visibleTexts(b.page)) {
          const rest = withoutUserData(text, userStrings);
          const p = rest && problem(lang, rest);
          if (p) failures.push(`${lang} ${screen}: ${p} in ${JSON.stringify(text)}`);
        }
      }
      await screenshot(b.page, `i18n-last-screen-${lang}`);
    }
    assert.deepEqual([...new Set(failures)], []);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});
