-- :checkhealth copydesk
local M = {}

local health = vim.health

function M.check()
  health.start('copydesk: Neovim')
  local v = vim.version()
  local version = ('%d.%d.%d'):format(v.major, v.minor, v.patch)
  if vim.fn.has('nvim-0.10') == 1 then
    health.ok('Neovim ' .. version)
  else
    health.error('Neovim ' .. version .. ' is too old', { 'copydesk needs Neovim 0.10 or newer' })
  end
  local copydesk = require('copydesk')
  if copydesk.has_native() then
    health.info('Neovim 0.11+: configured through vim.lsp.config("copydesk") (lsp/copydesk.lua)')
  else
    health.info('Neovim 0.10: started through vim.lsp.start by require("copydesk").setup()')
  end

  health.start('copydesk: server binary')
  local cmd = copydesk.cmd()
  if type(cmd) ~= 'table' or type(cmd[1]) ~= 'string' then
    health.warn('the server command is not a list of strings; cannot check it')
  else
    local exe = cmd[1]
    if vim.fn.executable(exe) == 1 then
      local path = vim.fn.exepath(exe)
      health.ok(('`%s` found: %s'):format(exe, path ~= '' and path or exe))
      local ok, result = pcall(function()
        return vim.system({ exe, '--version' }, { text = true }):wait(5000)
      end)
      if ok and result and result.code == 0 then
        health.ok('version: ' .. vim.trim(result.stdout or ''))
      else
        local detail = ok and result and vim.trim((result.stderr or '') .. ' exit ' .. tostring(result.code))
          or tostring(result)
        health.error(('`%s --version` failed: %s'):format(exe, detail))
      end
    else
      health.error(('`%s` is not executable or not on PATH'):format(exe), {
        'install it with `cargo install --path .` in the copydesk repository',
        "or pass its path: require('copydesk').setup({ cmd = { '/path/to/copydesk', 'lsp' } })",
      })
    end
  end

  health.start('copydesk: workspace')
  local util = require('copydesk.util')
  local cwd = vim.fs.normalize(vim.fn.getcwd())
  local info, err = util.registry_info(cwd)
  if info.config then
    health.ok('copydesk.toml: ' .. info.config)
  else
    health.warn('no copydesk.toml in ' .. cwd .. ' or above', {
      'Markdown and text files attach only inside a folder with a copydesk.toml (*.article files always do)',
    })
  end
  if err then
    health.error(err)
    return
  end
  for _, file in ipairs(info.files) do
    if file.path then
      health.ok(('registry %q: %s'):format(file.entry, file.path))
    elseif info.config then
      health.error(('registry %q: no such file (%s)'):format(file.entry, file.full))
    else
      health.warn(('default registry %s is missing'):format(file.full))
    end
  end

  local clients = vim.lsp.get_clients({ name = 'copydesk' })
  if #clients > 0 then
    for _, client in ipairs(clients) do
      health.info(
        ('client %d running (root %s, positions %s)'):format(
          client.id,
          client.root_dir or '?',
          client.offset_encoding or '?'
        )
      )
    end
  else
    health.info('no copydesk client is running')
  end
end

return M
