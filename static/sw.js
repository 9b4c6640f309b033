// Tuoke service worker: precaches the app shell and serves it offline.
//
// The build (scripts/precache.sh, a Trunk post_build hook) replaces the two placeholders below
// with the hashed file list and a version derived from it, so every release changes this file's
// bytes and the browser installs the new version in the background. The new version then
// *waits*: it takes over only when the page posts SKIP_WAITING after the user accepts the
// update. Data lives in IndexedDB, which an update never touches.
"use strict";

const PRECACHE = self.__TUOKE_PRECACHE__;
const VERSION = self.__TUOKE_VERSION__;
const CACHE = "tuoke-shell-" + VERSION;
const SHELL = "/index.html";

self.addEventListener("install", (event) => {
  // cache: "reload" bypasses the HTTP cache so a stale file never enters a new version.
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      cache.addAll(PRECACHE.map((url) => new Request(url, { cache: "reload" })))
    )
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys
            .filter((key) => key.startsWith("tuoke-shell-") && key !== CACHE)
            .map((key) => caches.delete(key))
        )
      )
      .then(() => self.clients.claim())
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "SKIP_WAITING") {
    self.skipWaiting();
  }
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  // The API is never cached here: the app's own sync layer owns offline data.
  if (url.pathname.startsWith("/api/")) return;

  if (request.mode === "navigate") {
    // Every app route renders the same shell; the router picks the screen.
    event.respondWith(
      caches
        .open(CACHE)
        .then((cache) => cache.match(SHELL))
        .then((cached) => cached || fetch(request))
    );
    return;
  }
  event.respondWith(
    caches
      .open(CACHE)
      .then((cache) => cache.match(request, { ignoreSearch: true }))
      .then((cached) => cached || fetch(request))
  );
});
