-- End-to-end test of the Neovim plugin (editors/neovim) against the real
-- `copydesk lsp` binary, in headless Neovim:
--
--   COPYDESK_BIN=target/debug/copydesk COPYDESK_CORPUS=/tmp/copy-of-examples \
--     nvim --headless -u NONE -l tests/neovim/e2e.lua
--
-- COPYDESK_NVIM_MODE=native (default) sets the plugin up through Neovim
-- 0.11's vim.lsp.config/vim.lsp.enable; =start through vim.lsp.start, the
-- Neovim 0.10 path. Without COPYDESK_CORPUS the examples are copied to a
-- temporary folder. Prints one line per check and, last, "N passed, M failed";
-- exits non-zero when a check fails.

local TIMEOUT = tonumber(os.getenv('COPYDESK_TEST_TIMEOUT') or '') or 20000

local script = vim.fs.normalize(vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p'))
local repo = vim.fs.dirname(vim.fs.dirname(vim.fs.dirname(script)))
local plugin = repo .. '/editors/neovim'
local bin = os.getenv('COPYDESK_BIN') or (repo .. '/target/debug/copydesk')
local mode = os.getenv('COPYDESK_NVIM_MODE') or 'native'

local function say(line)
  io.stdout:write(line, '\n')
  io.stdout:flush()
end

local function bail(message)
  say('FATAL: ' .. message)
  say('0 passed, 1 failed')
  vim.cmd('cquit 1')
end

if vim.fn.executable(bin) ~= 1 then
  bail('copydesk binary not found or not executable: ' .. bin)
end

local corpus = os.getenv('COPYDESK_CORPUS')
if not corpus or corpus == '' then
  corpus = vim.fn.tempname() .. '-corpus'
  local r = vim.system({ 'cp', '-R', repo .. '/examples', corpus }):wait()
  if r.code ~= 0 then
    bail('cannot copy the examples: ' .. (r.stderr or ''))
  end
end
corpus = vim.uv.fs_realpath(corpus) or corpus

say(('copydesk Neovim e2e: %s, mode %s, server %s, corpus %s'):format(
  tostring(vim.version()),
  mode,
  bin,
  corpus
))

-- Messages the plugin shows, on their own lines in the log.
vim.notify = function(message, level)
  say(('     notify[%s]: %s'):format(tostring(level), message))
end

-- The plugin as a user installs it: on the runtimepath, ftdetect sourced by
-- `filetype on`, then setup.
vim.opt.runtimepath:prepend(plugin)
vim.cmd('filetype on')
vim.cmd('runtime plugin/copydesk.lua')
vim.cmd.cd(vim.fn.fnameescape(corpus))

local copydesk = require('copydesk')
copydesk.setup({
  cmd = { bin, 'lsp' },
  -- A setting the test can observe: unknown-actor is a hint by default.
  rules = { ['unknown-actor'] = 'info' },
  native = mode == 'native',
})

---------------------------------------------------------------------------
-- harness

local passed, failed = 0, 0

local function test(name, fn)
  local ok, err = xpcall(fn, debug.traceback)
  if ok then
    passed = passed + 1
    say('ok   ' .. name)
  else
    failed = failed + 1
    say('FAIL ' .. name .. '\n     ' .. tostring(err):gsub('\n', '\n     '))
  end
end

local function eq(actual, expected, what)
  if not vim.deep_equal(actual, expected) then
    error(('%s: expected %s, got %s'):format(what, vim.inspect(expected), vim.inspect(actual)), 2)
  end
end

local function check(cond, what)
  if not cond then
    error(what, 2)
  end
end

local function wait(what, fn, timeout)
  local ok = vim.wait(timeout or TIMEOUT, fn, 50)
  if not ok then
    error('timed out waiting for ' .. what, 2)
  end
end

local function read_lines(path)
  local lines = {}
  for line in io.lines(path) do
    lines[#lines + 1] = line
  end
  return lines
end

--- 0-based line and byte columns [start, end) of the `occurrence`-th
--- `needle` in the file's lines, found by plain search (independently of
--- the server).
local function locate(lines, needle, occurrence)
  occurrence = occurrence or 1
  local seen = 0
  for i, line in ipairs(lines) do
    local from = 1
    while true do
      local s, e = line:find(needle, from, true)
      if not s then
        break
      end
      seen = seen + 1
      if seen == occurrence then
        return { lnum = i - 1, col = s - 1, end_col = e }
      end
      from = e + 1
    end
  end
  error(('%q (occurrence %d) not found'):format(needle, occurrence), 2)
end

local function copydesk_client(bufnr)
  return vim.lsp.get_clients({ bufnr = bufnr, name = 'copydesk' })[1]
end

local function copydesk_diagnostics(bufnr)
  return vim.tbl_filter(function(d)
    return d.source == 'copydesk'
  end, vim.diagnostic.get(bufnr))
end

-- The rules' findings, without the corpus-wide spelling notes (asserted on
-- their own below).
local function rule_diagnostics(bufnr)
  return vim.tbl_filter(function(d)
    return d.code ~= 'corpus-spelling'
  end, copydesk_diagnostics(bufnr))
end

local function request(bufnr, method, params)
  local responses, err = vim.lsp.buf_request_sync(bufnr, method, params, TIMEOUT)
  check(responses, method .. ' failed: ' .. tostring(err))
  for _, response in pairs(responses) do
    check(not response.err, method .. ' error: ' .. vim.inspect(response.err))
    return response.result
  end
  error(method .. ': no response')
end

local function same_file(a, b)
  return (vim.uv.fs_realpath(a) or a) == (vim.uv.fs_realpath(b) or b)
end

---------------------------------------------------------------------------
-- fixture: the article, opened as a user would

local article_rel = 'articles/wire/2026-02-25-patrol-boats.txt'
local article = corpus .. '/' .. article_rel
local registry = corpus .. '/actors.toml'
local lines = read_lines(article)
local registry_lines = read_lines(registry)

vim.cmd.edit(vim.fn.fnameescape(article))
local buf = vim.api.nvim_get_current_buf()
local uri = vim.uri_from_bufnr(buf)

local client
test('the client attaches to the article with UTF-8 positions', function()
  eq(vim.bo[buf].filetype, 'text', 'filetype')
  wait('the copydesk client to attach', function()
    client = copydesk_client(buf)
    return client ~= nil and client.initialized
  end)
  eq(client.offset_encoding, 'utf-8', 'negotiated position encoding')
  check(same_file(client.root_dir, corpus), 'root_dir ' .. tostring(client.root_dir) .. ' is not ' .. corpus)
  if mode == 'native' then
    check(vim.lsp.is_enabled('copydesk'), 'vim.lsp.enable did not register copydesk')
  end
end)
if not client then
  bail('no client attached; the remaining checks cannot run')
end

local diagnostics = {}
local function by_code(code)
  return vim.tbl_filter(function(d)
    return d.code == code
  end, diagnostics)
end

local function expect_range(d, spot, what)
  eq(
    { lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col },
    { lnum = spot.lnum, col = spot.col, end_lnum = spot.lnum, end_col = spot.end_col },
    what .. ' range'
  )
end

test('diagnostics arrive: exactly the four findings of the article', function()
  wait('four copydesk diagnostics', function()
    diagnostics = rule_diagnostics(buf)
    return #diagnostics >= 4
  end)
  vim.wait(300) -- a later publication would replace these; let it land
  diagnostics = rule_diagnostics(buf)
  local codes = vim.tbl_map(function(d)
    return d.code
  end, diagnostics)
  table.sort(codes)
  eq(codes, { 'misspelled-name', 'name-variant', 'name-variant', 'unknown-actor' }, 'rule codes')
  -- Each odd spelling also says how the rest of the workspace spells it.
  local corpus = vim.tbl_filter(function(d)
    return d.code == 'corpus-spelling'
  end, copydesk_diagnostics(buf))
  check(#corpus >= 1, 'corpus-spelling notes on the odd spellings')
  for _, d in ipairs(corpus) do
    check(d.message:find('the house spelling', 1, true), 'corpus-spelling message: ' .. d.message)
  end
end)

local misspelled
test('misspelled-name on "Andrej Vloan": range, severity, message', function()
  local found = by_code('misspelled-name')
  eq(#found, 1, 'misspelled-name count')
  misspelled = found[1]
  local spot = locate(lines, 'Andrej Vloan')
  eq(spot.lnum, 16, 'line of "Andrej Vloan" (0-based)')
  expect_range(misspelled, spot, 'misspelled-name')
  eq(misspelled.severity, vim.diagnostic.severity.WARN, 'severity')
  eq(misspelled.source, 'copydesk', 'source')
  check(misspelled.message:find('Andrej Volan', 1, true), 'message names the house spelling: ' .. misspelled.message)
end)

test('name-variant on "Lena Markovic" and the later bare "Markovic"', function()
  local found = by_code('name-variant')
  eq(#found, 2, 'name-variant count')
  table.sort(found, function(a, b)
    return a.col < b.col
  end)
  local full = locate(lines, 'Lena Markovic')
  local bare = locate(lines, 'Markovic', 2) -- the first is inside "Lena Markovic"
  eq(full.lnum, bare.lnum, 'both on one line')
  expect_range(found[1], full, 'name-variant "Lena Markovic"')
  expect_range(found[2], bare, 'name-variant "Markovic"')
  for _, d in ipairs(found) do
    eq(d.severity, vim.diagnostic.severity.WARN, 'name-variant severity')
  end
end)

test('unknown-actor on "Dag Emmerich", at the level set through the plugin settings', function()
  local found = by_code('unknown-actor')
  eq(#found, 1, 'unknown-actor count')
  expect_range(found[1], locate(lines, 'Dag Emmerich'), 'unknown-actor')
  -- the default is hint; setup{ rules = { ['unknown-actor'] = 'info' } } reached the server
  eq(found[1].severity, vim.diagnostic.severity.INFO, 'unknown-actor severity')
end)

-- "Pavel Horak" follows an em dash on its line, so byte (UTF-8) and UTF-16
-- columns differ there: the position below is the name's last byte, which a
-- server reading UTF-16 would place after the name.
local horak = locate(lines, 'Pavel Horak')
local horak_position = { line = horak.lnum, character = horak.end_col - 1 }

test('hover on "Pavel Horak" shows the actor card', function()
  check(lines[horak.lnum + 1]:find('—', 1, true), 'the line has a multi-byte character before the name')
  local result = request(buf, 'textDocument/hover', { textDocument = { uri = uri }, position = horak_position })
  check(result and result.contents, 'no hover')
  local contents = result.contents
  eq(contents.kind, 'markdown', 'hover kind')
  local value = contents.value
  check(vim.startswith(value, '### Pavel Horak'), 'hover does not start with "### Pavel Horak": ' .. value:sub(1, 80))
end)

test('definition of "Pavel Horak" is his [[actor]] header in actors.toml', function()
  local expected
  for i, line in ipairs(registry_lines) do
    if line == 'id = "pavel-horak"' then
      check(registry_lines[i - 1] == '[[actor]]', 'the id is not right under [[actor]]')
      expected = i - 2 -- 0-based line of "[[actor]]"
    end
  end
  check(expected, 'pavel-horak not in actors.toml')
  local result = request(buf, 'textDocument/definition', { textDocument = { uri = uri }, position = horak_position })
  check(result, 'no definition')
  if result.uri or result.targetUri then
    result = { result }
  end
  eq(#result, 1, 'number of locations')
  local loc = result[1]
  local target_uri = loc.uri or loc.targetUri
  local range = loc.range or loc.targetSelectionRange
  check(same_file(vim.uri_to_fname(target_uri), registry), 'definition is in ' .. target_uri)
  eq(range.start.line, expected, 'definition line')
  eq(range.start.character, 0, 'definition column')
  -- and jumping there with the user-facing function lands on that line
  vim.api.nvim_win_set_cursor(0, { horak_position.line + 1, horak_position.character })
  vim.lsp.buf.definition()
  wait('the jump to actors.toml', function()
    return same_file(vim.api.nvim_buf_get_name(0), registry)
  end)
  eq(vim.api.nvim_win_get_cursor(0)[1] - 1, expected, 'cursor line after jumping')
  eq(registry_lines[vim.api.nvim_win_get_cursor(0)[1]], '[[actor]]', 'text at the cursor')
  vim.cmd.buffer(buf)
end)

test('code action "Replace with ‘Andrej Volan’" fixes the misspelling', function()
  check(misspelled, 'no misspelled-name diagnostic')
  local lsp_diagnostic = misspelled.user_data and misspelled.user_data.lsp
  check(lsp_diagnostic, 'the diagnostic has no LSP original')
  local actions = request(buf, 'textDocument/codeAction', {
    textDocument = { uri = uri },
    range = lsp_diagnostic.range,
    context = { diagnostics = { lsp_diagnostic }, triggerKind = 1 },
  })
  check(actions and #actions > 0, 'no code actions')
  local action
  for _, a in ipairs(actions) do
    if a.title == 'Replace with ‘Andrej Volan’' then
      action = a
    end
  end
  check(
    action,
    'no "Replace with ‘Andrej Volan’" among: '
      .. table.concat(
        vim.tbl_map(function(a)
          return a.title
        end, actions),
        ' | '
      )
  )
  eq(action.kind, 'quickfix', 'action kind')
  local edit = action.edit
  if not edit and action.data then
    edit = request(buf, 'codeAction/resolve', action).edit
  end
  check(edit, 'the action has no workspace edit')
  local before = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  vim.lsp.util.apply_workspace_edit(edit, 'utf-8')
  local after = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  local row = misspelled.lnum + 1
  check(after[row]:find('President Andrej Volan', 1, true), 'line now: ' .. after[row])
  eq(after[row], (before[row]:gsub('Andrej Vloan', 'Andrej Volan')), 'the fixed line')
  eq(#after, #before, 'line count')
  for i = 1, #before do
    if i ~= row then
      eq(after[i], before[i], 'untouched line ' .. i)
    end
  end
end)

test('after the fix the server re-publishes without misspelled-name', function()
  wait('diagnostics without misspelled-name', function()
    local now = rule_diagnostics(buf)
    local codes = vim.tbl_map(function(d)
      return d.code
    end, now)
    table.sort(codes)
    return vim.deep_equal(codes, { 'name-variant', 'name-variant', 'unknown-actor' })
  end)
end)

test('registry code lens runs copydesk.showMentions into the quickfix list', function()
  local header = locate(registry_lines, 'id = "pavel-horak"').lnum - 1
  local registry_uri = vim.uri_from_fname(registry)
  local lens, count
  -- the server indexes the workspace in the background: poll until the
  -- count includes the three mentions of the open article
  wait('a code lens with Pavel Horak’s mentions', function()
    local response = client:request_sync('textDocument/codeLens', { textDocument = { uri = registry_uri } }, TIMEOUT, buf)
    for _, unresolved in ipairs(response and response.result or {}) do
      -- lenses come unresolved (a registry can be huge); resolve this one
      local resolved = unresolved.range.start.line == header
        and client:request_sync('codeLens/resolve', unresolved, TIMEOUT, buf)
      local l = resolved and resolved.result or unresolved
      if l.range.start.line == header and l.command then
        local n = tonumber(l.command.title:match('^(%d+) mentions? in %d+ articles?$'))
        if n and n >= 3 then
          lens, count = l, n
          return true
        end
      end
    end
    vim.wait(200)
    return false
  end)
  eq(lens.command.command, 'copydesk.showMentions', 'lens command')
  eq(#lens.command.arguments, 3, 'arguments: uri, position, locations')
  eq(#lens.command.arguments[3], count, 'locations, as counted in the title')
  vim.fn.setqflist({}, 'r', { title = 'before', items = {} })
  client:exec_cmd(lens.command, { bufnr = buf })
  local qf = vim.fn.getqflist({ title = 1, items = 1, winid = 1 })
  eq(#qf.items, count, 'quickfix items')
  check(qf.winid ~= 0, 'the quickfix window is not open')
  check(qf.title:find('mention', 1, true), 'quickfix title: ' .. qf.title)
  -- the three mentions in the article, at byte columns (1-based in quickfix)
  local expected = {
    { horak.lnum + 1, horak.col + 1 },
    { locate(lines, 'Horak told').lnum + 1, locate(lines, 'Horak told').col + 1 },
    { locate(lines, 'Horak said tenders').lnum + 1, locate(lines, 'Horak said tenders').col + 1 },
  }
  local got = {}
  for _, item in ipairs(qf.items) do
    if same_file(vim.api.nvim_buf_get_name(item.bufnr), article) then
      got[#got + 1] = { item.lnum, item.col }
    end
  end
  table.sort(got, function(a, b)
    return a[1] < b[1]
  end)
  eq(got, expected, 'quickfix entries in the article')
  vim.cmd('cclose')
  vim.cmd.buffer(buf)
end)

test('copydesk.toml registry parsing (first entry, globs, comments, tables)', function()
  local parse = require('copydesk.util').parse_registry
  eq(parse('date = "2026-03-01"\n'), { 'actors.toml' }, 'absent key')
  eq(parse('registry = ["actors.toml"]\n'), { 'actors.toml' }, 'one entry')
  eq(parse("registry = 'people.toml' # one file\n"), { 'people.toml' }, 'a bare string')
  eq(
    parse('# registry = ["no.toml"]\nregistry = [ # files\n  "registry/*.jsonl", # the wire\n  \'a#b.toml\',\n]\n'),
    { 'registry/*.jsonl', 'a#b.toml' },
    'multi-line array with comments'
  )
  eq(parse('[rules]\nregistry = "nope"\n'), { 'actors.toml' }, 'a key inside a table is not the registry')
  eq(parse('registry = ["r/[a-c]*.toml", "x.toml"]\n'), { 'r/[a-c]*.toml', 'x.toml' }, 'brackets inside strings')
end)

test(':CopydeskRegistry opens the registry named in copydesk.toml', function()
  eq(vim.fn.exists(':CopydeskRegistry'), 2, ':CopydeskRegistry defined')
  vim.cmd.buffer(buf)
  vim.cmd('CopydeskRegistry')
  check(same_file(vim.api.nvim_buf_get_name(0), registry), 'opened ' .. vim.api.nvim_buf_get_name(0))
  vim.cmd.buffer(buf)
end)

test('root detection: Markdown/text attach only under a copydesk.toml; *.article always', function()
  -- another article of the workspace: the same client
  vim.cmd.edit(vim.fn.fnameescape(corpus .. '/articles/politics/2026-02-14-budget-vote.md'))
  local md = vim.api.nvim_get_current_buf()
  eq(vim.bo[md].filetype, 'markdown', 'filetype of .md')
  wait('the client to attach to the Markdown article', function()
    return copydesk_client(md) ~= nil
  end)
  eq(copydesk_client(md).id, client.id, 'client reused for the same workspace')

  local outside = vim.fn.tempname() .. '-outside'
  vim.fn.mkdir(outside, 'p')
  vim.fn.writefile({ '# Notes', '', 'President Andrej Vloan said so.' }, outside .. '/notes.md')
  vim.fn.writefile({ 'President Andrej Vloan said so.' }, outside .. '/notes.txt')
  vim.fn.writefile({ 'President Andrej Vloan said so.' }, outside .. '/story.article')
  vim.cmd.edit(vim.fn.fnameescape(outside .. '/notes.md'))
  local notes_md = vim.api.nvim_get_current_buf()
  vim.cmd.edit(vim.fn.fnameescape(outside .. '/notes.txt'))
  local notes_txt = vim.api.nvim_get_current_buf()
  vim.cmd.edit(vim.fn.fnameescape(outside .. '/story.article'))
  local story = vim.api.nvim_get_current_buf()
  eq(vim.bo[story].filetype, 'article', 'filetype of .article (ftdetect)')
  wait('the client to attach to the .article file', function()
    return copydesk_client(story) ~= nil
  end)
  check(same_file(copydesk_client(story).root_dir, outside), 'root of the .article is its folder')
  vim.wait(500)
  eq(copydesk_client(notes_md), nil, 'client on a Markdown file outside any workspace')
  eq(copydesk_client(notes_txt), nil, 'client on a text file outside any workspace')
  for _, b in ipairs({ notes_md, notes_txt, story }) do
    vim.api.nvim_buf_delete(b, { force = true })
  end
  vim.cmd.buffer(buf)
end)

test(':CopydeskRestart starts a new client on the same buffers', function()
  eq(vim.fn.exists(':CopydeskRestart'), 2, ':CopydeskRestart defined')
  local old = copydesk_client(buf).id
  vim.cmd('CopydeskRestart')
  wait('a new client on the article', function()
    local c = copydesk_client(buf)
    return c ~= nil and c.id ~= old and c.initialized
  end)
  check(vim.lsp.get_client_by_id(old) == nil, 'the old client still runs')
  client = copydesk_client(buf)
  -- the new server got the edited buffer: three findings, no misspelling
  wait('diagnostics from the new client', function()
    local d = rule_diagnostics(buf)
    return #d == 3 and #vim.tbl_filter(function(x)
      return x.code == 'misspelled-name'
    end, d) == 0
  end)
end)

test(':checkhealth copydesk reports no error', function()
  vim.cmd('silent checkhealth copydesk')
  local text = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), '\n')
  check(text:find('copydesk.toml: ' .. corpus, 1, true), 'health does not show copydesk.toml:\n' .. text)
  check(text:find('version: copydesk', 1, true), 'health does not show the server version:\n' .. text)
  check(text:find('registry "actors.toml"', 1, true), 'health does not show the registry:\n' .. text)
  check(not text:find('ERROR', 1, true), 'health reports an error:\n' .. text)
  check(not text:find('WARNING', 1, true), 'health reports a warning:\n' .. text)
  vim.cmd('tabclose')
end)

---------------------------------------------------------------------------

for _, c in ipairs(vim.lsp.get_clients()) do
  vim.lsp.stop_client(c.id)
end
vim.wait(3000, function()
  return #vim.lsp.get_clients() == 0
end, 50)

say(('%d passed, %d failed'):format(passed, failed))
if failed > 0 then
  vim.cmd('cquit 1')
end
vim.cmd('qall!')
