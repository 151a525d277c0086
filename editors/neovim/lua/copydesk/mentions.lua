-- Client side of the `copydesk.showMentions` command (registry code lens):
-- arguments are { uri, position, locations }; the locations go to the
-- quickfix list, which is then opened.
local M = {}

---@param command lsp.Command
---@param ctx? table handler context (`client_id`, `bufnr`)
function M.show(command, ctx)
  local args = command.arguments or {}
  local locations = args[3]
  if type(locations) ~= 'table' then
    vim.notify('copydesk.showMentions: no locations in the command arguments', vim.log.levels.WARN)
    return
  end
  local client = ctx and ctx.client_id and vim.lsp.get_client_by_id(ctx.client_id)
  local encoding = client and client.offset_encoding or 'utf-16'
  local items = vim.lsp.util.locations_to_items(locations, encoding)
  local title = 'copydesk: ' .. (command.title or 'mentions')
  vim.fn.setqflist({}, ' ', { title = title, items = items })
  if #items == 0 then
    vim.notify(title .. ' (none)', vim.log.levels.INFO)
    return
  end
  vim.cmd('botright copen')
end

return M
