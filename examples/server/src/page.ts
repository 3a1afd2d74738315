/** The demo page: sign in, answer the step, read the session, refresh, sign out. */
export const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>nextstep sign-in service</title></head>
<body>
<h1>nextstep sign-in service</h1>
<form id="start"><input id="username" placeholder="username" autocomplete="username"> <input id="password" type="password" placeholder="password" autocomplete="current-password"> <button>Sign in</button></form>
<form id="answer"><input id="code" placeholder="code from the emulator's outbox" autocomplete="one-time-code"> <button>Answer</button></form>
<p><button id="session">Session</button> <button id="refresh">Refresh</button> <button id="signout">Sign out</button></p>
<pre id="out"></pre>
<script type="module" src="/page.js"></script>
</body></html>`;
