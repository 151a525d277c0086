-- copydesk for Neovim: starts `copydesk lsp` on news articles, with commands
-- for the registry and the server.
--
--   require('copydesk').setup({
--     cmd = { 'copydesk', 'lsp' },                 -- the server command
--     rules = { ['unknown-actor'] = 'off' },       -- rule id -> error|warning|info|hint|off
--     registry = { 'shared/actors.toml' },         -- extra registry files
--     max_file_size = 5000000,                     -- bytes; larger documents are skipped
--   })
--
-- Neovim 0.11+ registers the configuration with `vim.lsp.config` (the base is
-- `lsp/copydesk.lua` in this plugin) and calls `vim.lsp.enable`; Neovim 0.10
-- starts the server itself with `vim.lsp.start` on the same rules.
local util = require('copydesk.util')

local M = {}

M.name = 'copydesk'

---@class copydesk.Options
---@field cmd? string[] server command (default { 'copydesk', 'lsp' })
---@field rules? table<string, string> rule id -> level
---@field registry? string[] extra registry files (absolute or relative to the workspace root)
---@field max_file_size? integer
---@field settings? table extra settings, merged into { copydesk = {...} }
---@field init_options? table sent as initializationOptions (default: the settings)
---@field filetypes? string[] (default { 'markdown', 'text', 'article' })
---@field on_attach? fun(client: vim.lsp.Client, bufnr: integer)
---@field capabilities? table
---@field native? boolean use vim.lsp.config/enable (default: on Neovim 0.11+)

---@type copydesk.Options|nil
M.options = nil

local started_legacy = false

--- Whether this Neovim has `vim.lsp.config` / `vim.lsp.enable`.
---@return boolean
function M.has_native()
  return vim.fn.has('nvim-0.11') == 1 and type(vim.lsp.config) ~= 'nil' and type(vim.lsp.enable) == 'function'
end

--- The plugin's base configuration (`lsp/copydesk.lua` next to this file).
---@return table
function M.base_config()
  local source = debug.getinfo(1, 'S').source
  local file
  if source:sub(1, 1) == '@' then
    local here = vim.fs.dirname(source:sub(2)) -- .../lua/copydesk
    local candidate = vim.fs.normalize(here .. '/../../lsp/copydesk.lua')
    if vim.uv.fs_stat(candidate) then
      file = candidate
    end
  end
  file = file or vim.api.nvim_get_runtime_file('lsp/copydesk.lua', false)[1]
  if not file then
    error('copydesk: lsp/copydesk.lua not found on the runtimepath')
  end
  return dofile(file)
end

--- The `settings` table sent to the server, from the options.
---@param opts copydesk.Options
---@return table|nil
function M.settings_of(opts)
  local copydesk = {}
  if opts.rules and next(opts.rules) then
    copydesk.rules = opts.rules
  end
  if opts.registry and #opts.registry > 0 then
    copydesk.registry = opts.registry
  end
  if opts.max_file_size then
    copydesk.maxFileSize = opts.max_file_size
  end
  local settings = vim.deepcopy(opts.settings or {})
  if next(copydesk) then
    settings.copydesk = vim.tbl_deep_extend('force', settings.copydesk or {}, copydesk)
  end
  if next(settings) == nil then
    return nil
  end
  return settings
end

--- The fields the options set on top of the base configuration.
---@param opts copydesk.Options
---@return table
local function overrides(opts)
  local o = {}
  if opts.cmd then
    o.cmd = opts.cmd
  end
  if opts.filetypes then
    o.filetypes = opts.filetypes
  end
  o.settings = M.settings_of(opts)
  if opts.init_options then
    o.init_options = opts.init_options
  end
  if opts.on_attach then
    o.on_attach = opts.on_attach
  end
  if opts.capabilities then
    o.capabilities = opts.capabilities
  end
  return o
end

--- The full client configuration (root_dir still the function).
---@return table
function M.client_config()
  local config
  if M.has_native() and not (M.options and M.options.native == false) then
    config = vim.deepcopy(vim.lsp.config[M.name])
  else
    config = vim.tbl_deep_extend('force', M.base_config(), overrides(M.options or {}))
  end
  config.name = M.name
  return config
end

--- The server command in use.
---@return string[]|nil
function M.cmd()
  local ok, config = pcall(M.client_config)
  if ok and type(config.cmd) == 'table' then
    return config.cmd
  end
  return nil
end

--- Starts (or reuses) the server for `bufnr` when the buffer qualifies:
--- a file of one of the configured filetypes inside a workspace with a
--- `copydesk.toml`, or any `*.article` file.
---@param bufnr? integer
---@param force? boolean skip the filetype check
---@return integer|nil client id
function M.attach(bufnr, force)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  if not vim.api.nvim_buf_is_valid(bufnr) or vim.bo[bufnr].buftype ~= '' then
    return nil
  end
  local config = M.client_config()
  if not force and config.filetypes and not vim.tbl_contains(config.filetypes, vim.bo[bufnr].filetype) then
    return nil
  end
  local root
  if type(config.root_dir) == 'function' then
    config.root_dir(bufnr, function(dir)
      root = dir
    end)
  else
    root = config.root_dir or vim.fs.root(bufnr, 'copydesk.toml')
  end
  if not root then
    return nil
  end
  config.root_dir = root
  config.root_markers = nil
  return vim.lsp.start(config, { bufnr = bufnr })
end

--- Stops every copydesk client and starts them again on the buffers they had.
function M.restart()
  local clients = vim.lsp.get_clients({ name = M.name })
  local buffers = {}
  for _, client in ipairs(clients) do
    for bufnr in pairs(client.attached_buffers or {}) do
      buffers[#buffers + 1] = bufnr
    end
  end
  if #clients == 0 then
    buffers = { vim.api.nvim_get_current_buf() }
  end
  local ids = vim.tbl_map(function(c)
    return c.id
  end, clients)
  for _, id in ipairs(ids) do
    vim.lsp.stop_client(id)
  end
  local deadline = vim.uv.now() + 5000
  local function start_again()
    local alive = vim.tbl_filter(function(id)
      return vim.lsp.get_client_by_id(id) ~= nil
    end, ids)
    if #alive > 0 and vim.uv.now() < deadline then
      vim.defer_fn(start_again, 50)
      return
    end
    for _, id in ipairs(alive) do
      vim.lsp.stop_client(id, true)
    end
    local started = 0
    for _, bufnr in ipairs(buffers) do
      if vim.api.nvim_buf_is_valid(bufnr) and M.attach(bufnr, true) then
        started = started + 1
      end
    end
    vim.notify(
      ('copydesk: restarted (%d buffer%s)'):format(started, started == 1 and '' or 's'),
      vim.log.levels.INFO
    )
  end
  if #ids == 0 then
    start_again()
  else
    vim.defer_fn(start_again, 50)
  end
end

--- Opens the first registry file named in the workspace's `copydesk.toml`
--- (default `actors.toml` beside it).
function M.open_registry()
  local info, err = util.registry_info(util.start_dir())
  if err then
    vim.notify('copydesk: ' .. err, vim.log.levels.ERROR)
    return
  end
  local first = info.files[1]
  if not first then
    vim.notify('copydesk: no registry file is configured', vim.log.levels.ERROR)
    return
  end
  local path = first.path
  if not path then
    if first.entry:find('[*?%[{]') then
      vim.notify(('copydesk: registry glob %q matches no file'):format(first.entry), vim.log.levels.ERROR)
      return
    end
    path = first.full
    vim.notify(('copydesk: %s does not exist yet'):format(path), vim.log.levels.WARN)
  end
  vim.cmd.edit(vim.fn.fnameescape(path))
end

--- Defines `:CopydeskRestart` and `:CopydeskRegistry`.
function M.create_commands()
  vim.api.nvim_create_user_command('CopydeskRestart', function()
    M.restart()
  end, { desc = 'Restart the copydesk language server' })
  vim.api.nvim_create_user_command('CopydeskRegistry', function()
    M.open_registry()
  end, { desc = 'Open the copydesk actor registry' })
end

--- Sets the plugin up; see the header of this file for the options.
---@param opts? copydesk.Options
function M.setup(opts)
  opts = opts or {}
  M.options = opts
  -- Also done by ftdetect/copydesk.lua; repeated for plugin managers that add
  -- the plugin to 'runtimepath' after filetype detection was set up.
  vim.filetype.add({ extension = { article = 'article' } })
  M.create_commands()
  -- For code lenses run outside the client's own `commands` table.
  vim.lsp.commands['copydesk.showMentions'] = function(command, ctx)
    require('copydesk.mentions').show(command, ctx)
  end

  if M.has_native() and opts.native ~= false then
    vim.lsp.config(M.name, overrides(opts))
    vim.lsp.enable(M.name)
    return
  end

  local filetypes = opts.filetypes or M.base_config().filetypes
  local group = vim.api.nvim_create_augroup('copydesk', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = filetypes,
    callback = function(args)
      M.attach(args.buf)
    end,
  })
  started_legacy = true
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) and vim.tbl_contains(filetypes, vim.bo[bufnr].filetype) then
      M.attach(bufnr)
    end
  end
end

--- Whether setup started the server through its own autocommand (Neovim 0.10
--- or `native = false`).
---@return boolean
function M.uses_legacy_start()
  return started_legacy
end

return M
