-- copydesk language server configuration for Neovim 0.11+ (`:h lsp-config`).
--
--   vim.lsp.enable('copydesk')
--
-- Override any field with `vim.lsp.config('copydesk', { ... })`, e.g.
--
--   vim.lsp.config('copydesk', {
--     cmd = { '/path/to/copydesk', 'lsp' },
--     settings = { copydesk = { rules = { ['unknown-actor'] = 'off' } } },
--   })
--
-- The server attaches to Markdown and plain-text buffers only inside a
-- newsroom workspace (a `copydesk.toml` in the file's folder or above), and
-- always to `*.article` files (rooted at their `copydesk.toml`, or their own
-- folder when there is none).

---@param bufnr integer
---@return string|nil
local function workspace_root(bufnr)
  local name = vim.api.nvim_buf_get_name(bufnr)
  if name == '' or vim.bo[bufnr].buftype ~= '' then
    return nil
  end
  local root = vim.fs.root(bufnr, 'copydesk.toml')
  if root then
    return root
  end
  if name:match('%.article$') then
    return vim.fs.dirname(vim.fs.normalize(vim.fn.fnamemodify(name, ':p')))
  end
  return nil
end

---@type vim.lsp.Config
return {
  cmd = { 'copydesk', 'lsp' },
  filetypes = { 'markdown', 'text', 'article' },
  -- Documentation for tools that read it; `root_dir` below decides.
  root_markers = { 'copydesk.toml' },
  ---@param bufnr integer
  ---@param on_dir fun(root_dir?: string)
  root_dir = function(bufnr, on_dir)
    local root = workspace_root(bufnr)
    if root then
      on_dir(root)
    end
  end,
  -- `settings` reach the server through `workspace/didChangeConfiguration`
  -- (shape: { copydesk = { rules = {...}, registry = {...}, maxFileSize = n } }).
  -- `init_options` go out as `initializationOptions`; when none are given the
  -- settings are sent there too, so the first diagnostics already use them.
  before_init = function(params, config)
    local options = params.initializationOptions
    if (options == nil or (type(options) == 'table' and next(options) == nil)) and type(config.settings) == 'table' then
      local copydesk = config.settings.copydesk
      if type(copydesk) == 'table' and next(copydesk) ~= nil then
        params.initializationOptions = { copydesk = copydesk }
      end
    end
  end,
  commands = {
    -- The registry code lens "N mentions in M articles".
    ['copydesk.showMentions'] = function(command, ctx)
      require('copydesk.mentions').show(command, ctx)
    end,
  },
}
