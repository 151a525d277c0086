-- Commands available before (or without) `require('copydesk').setup()`, e.g.
-- with Neovim 0.11's `vim.lsp.enable('copydesk')` alone.
if vim.g.loaded_copydesk then
  return
end
vim.g.loaded_copydesk = true

if vim.fn.exists(':CopydeskRestart') == 0 and vim.fn.exists(':CopydeskRegistry') == 0 then
  require('copydesk').create_commands()
end
