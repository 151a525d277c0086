-- Helpers shared by the plugin, its commands and its health check.
local M = {}

M.config_name = 'copydesk.toml'
M.default_registry = 'actors.toml'

--- The folder to search from: the current buffer's folder when it is a file,
--- else the current working directory.
---@param bufnr? integer
---@return string
function M.start_dir(bufnr)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  local name = vim.api.nvim_buf_get_name(bufnr)
  if name ~= '' and vim.bo[bufnr].buftype == '' then
    return vim.fs.dirname(vim.fs.normalize(vim.fn.fnamemodify(name, ':p')))
  end
  return vim.fs.normalize(vim.fn.getcwd())
end

--- The nearest `copydesk.toml` in `dir` or a folder above it.
---@param dir string
---@return string|nil
function M.find_config(dir)
  return vim.fs.find(M.config_name, { upward = true, path = dir, type = 'file' })[1]
end

---@param path string
---@return string|nil
local function read_file(path)
  local f = io.open(path, 'rb')
  if not f then
    return nil
  end
  local text = f:read('*a')
  f:close()
  return text
end

--- Removes a `#` comment that is outside quoted strings.
---@param line string
---@return string
local function strip_comment(line)
  local quote
  local i = 1
  while i <= #line do
    local c = line:sub(i, i)
    if quote then
      if c == '\\' and quote == '"' then
        i = i + 1 -- skip the escaped character
      elseif c == quote then
        quote = nil
      end
    elseif c == '"' or c == "'" then
      quote = c
    elseif c == '#' then
      return line:sub(1, i - 1)
    end
    i = i + 1
  end
  return line
end

--- The strings of a TOML value (a string or an array of strings).
---@param value string
---@return string[]
local function strings_of(value)
  local out = {}
  local i = 1
  while i <= #value do
    local c = value:sub(i, i)
    if c == '"' then
      local j = i + 1
      local buf = {}
      while j <= #value do
        local d = value:sub(j, j)
        if d == '\\' then
          local e = value:sub(j + 1, j + 1)
          buf[#buf + 1] = ({ n = '\n', t = '\t' })[e] or e
          j = j + 2
        elseif d == '"' then
          break
        else
          buf[#buf + 1] = d
          j = j + 1
        end
      end
      out[#out + 1] = table.concat(buf)
      i = j + 1
    elseif c == "'" then
      local j = value:find("'", i + 1, true) or (#value + 1)
      out[#out + 1] = value:sub(i + 1, j - 1)
      i = j + 1
    else
      i = i + 1
    end
  end
  return out
end

--- Counts of `[` and `]` outside quoted strings.
---@param line string
---@return integer, integer
local function brackets(line)
  local bare = line:gsub('"[^"]*"', ''):gsub("'[^']*'", '')
  local _, opens = bare:gsub('%[', '')
  local _, closes = bare:gsub('%]', '')
  return opens, closes
end

--- The `registry` entries of a `copydesk.toml` text (top-level key only);
--- `{ 'actors.toml' }` when the key is absent.
---@param text string
---@return string[]
function M.parse_registry(text)
  local collecting, value, depth = false, {}, 0
  for raw in (text .. '\n'):gmatch('(.-)\r?\n') do
    local line = strip_comment(raw)
    if collecting then
      value[#value + 1] = line
      local opens, closes = brackets(line)
      depth = depth + opens - closes
      if depth <= 0 then
        break
      end
    elseif line:match('^%s*%[') then
      break -- a table header: the top-level keys are over
    else
      local rest = line:match('^%s*registry%s*=%s*(.*)$') or line:match('^%s*"registry"%s*=%s*(.*)$')
      if rest then
        value[1] = rest
        local opens, closes = brackets(rest)
        depth = opens - closes
        if depth <= 0 then
          break
        end
        collecting = true
      end
    end
  end
  if #value == 0 then
    return { M.default_registry }
  end
  return strings_of(table.concat(value, '\n'))
end

---@param pattern string
---@return boolean
local function is_glob(pattern)
  return pattern:find('[*?%[{]') ~= nil
end

---@class copydesk.RegistryInfo
---@field config string|nil path of the copydesk.toml used (nil: defaults)
---@field root string the workspace root
---@field entries string[] registry entries as written
---@field files { entry: string, full: string, path: string|nil }[] each entry resolved (path: the file, or the first glob match; nil when there is nothing)

--- The registry files of the workspace containing `dir`.
---@param dir string
---@return copydesk.RegistryInfo, string|nil error reading copydesk.toml
function M.registry_info(dir)
  local config = M.find_config(dir)
  local root = config and vim.fs.dirname(config) or dir
  local entries = { M.default_registry }
  local err
  if config then
    local text = read_file(config)
    if text then
      entries = M.parse_registry(text)
    else
      err = 'cannot read ' .. config
    end
  end
  local files = {}
  for _, entry in ipairs(entries) do
    local full = entry
    if not (entry:sub(1, 1) == '/' or entry:match('^%a:[/\\]')) then
      full = root .. '/' .. entry
    end
    full = vim.fs.normalize(full)
    local path
    if is_glob(entry) then
      local matches = vim.fn.glob(full, false, true)
      table.sort(matches)
      path = matches[1]
    elseif vim.uv.fs_stat(full) then
      path = full
    end
    files[#files + 1] = { entry = entry, path = path, full = full }
  end
  return { config = config, root = root, entries = entries, files = files }, err
end

return M
