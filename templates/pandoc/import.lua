-- tillit import, first pass: shapes a client's DOCX, ODT or HTML narrative into the GitHub
-- Markdown that tillit check reads. That Markdown passes no raw HTML through, so whatever
-- pandoc would write as HTML (spans, underlines, sized images, tables Markdown cannot hold) is
-- reduced to plain Markdown here, and images must be files inside the engagement.

local function warn(message)
  io.stderr:write('[WARNING] ' .. message .. '\n')
end

-- Bookmarks, comments' anchors and styling wrappers: keep the text.
function Span(span) return span.content end
function Underline(underline) return underline.content end
function SmallCaps(caps) return caps.content end
function Div(div) return div.content end

function RawInline() return {} end
function RawBlock() return {} end

-- pandoc 3 reads captioned images as a Figure: the image, then its caption as a paragraph.
function Figure(figure)
  local blocks = pandoc.List(figure.content)
  local caption = figure.caption and figure.caption.long or {}
  if #caption > 0 then blocks:extend(caption) end
  return blocks
end

-- A web page's images are read by pandoc from disk or the network: only files beside the
-- page (or data: URIs) are taken. Word and ODT images come from inside the file.
local function outside(src)
  if src:match('^data:') then return false end
  if src:match('^[/\\]') or src:match('^%a[%w+.-]*:') then return true end
  return ('/' .. src:gsub('\\', '/') .. '/'):find('/%.%./') ~= nil
end

function Image(image)
  if outside(image.src) then
    warn("image '" .. image.src .. "' left out: only images in the page's own folder are " ..
         'imported')
    return {}
  end
  -- A size or an id makes pandoc write an <img> tag instead of Markdown.
  image.attr = pandoc.Attr()
  return image
end

-- ---- tables -------------------------------------------------------------------------------

local function cell_inlines(blocks)
  local inlines = pandoc.List()
  local function add(content)
    if #inlines > 0 then inlines:insert(pandoc.Space()) end
    for _, inline in ipairs(content) do
      if inline.t == 'LineBreak' or inline.t == 'SoftBreak' then
        inlines:insert(pandoc.Space())
      else
        inlines:insert(inline)
      end
    end
  end
  for _, block in ipairs(blocks) do
    if block.t == 'Plain' or block.t == 'Para' or block.t == 'Header' then
      add(block.content)
    elseif block.t == 'BulletList' or block.t == 'OrderedList' then
      for _, item in ipairs(block.content) do add({pandoc.Str(pandoc.utils.stringify(item))}) end
    else
      add({pandoc.Str(pandoc.utils.stringify(block))})
    end
  end
  return inlines
end

local function has_break(blocks)
  local found = false
  pandoc.walk_block(pandoc.Div(blocks), {
    LineBreak = function() found = true end,
  })
  return found
end

-- A Markdown table cell is one line: join paragraphs, lists and line breaks with spaces.
local function flatten_rows(rows)
  local changed = false
  for _, row in ipairs(rows) do
    for _, cell in ipairs(row.cells) do
      local blocks = cell.contents
      local simple = #blocks == 0 or
          (#blocks == 1 and (blocks[1].t == 'Plain' or blocks[1].t == 'Para') and
           not has_break(blocks))
      if not simple then
        cell.contents = {pandoc.Plain(cell_inlines(blocks))}
        changed = true
      end
    end
  end
  return changed
end

local function empty_row(row)
  for _, cell in ipairs(row.cells) do
    if pandoc.utils.stringify(cell.contents) ~= '' then return false end
  end
  return true
end

function Table(tbl)
  local bodies = tbl.bodies
  local head_rows = tbl.head.rows
  -- Markdown tables need a header row; LibreOffice writes an empty one when there is none.
  local empty_head = true
  for _, row in ipairs(head_rows) do
    if not empty_row(row) then empty_head = false end
  end
  if empty_head and #bodies > 0 and #bodies[1].body > 0 then
    head_rows = {table.remove(bodies[1].body, 1)}
  end
  local changed = flatten_rows(head_rows)
  for _, body in ipairs(bodies) do
    if flatten_rows(body.body) then changed = true end
  end
  if changed then
    warn('table cells with several paragraphs, lists or line breaks were joined into one ' ..
         'line each: a Markdown table cell holds one line')
  end
  tbl.head.rows = head_rows
  tbl.bodies = bodies
  return tbl
end
